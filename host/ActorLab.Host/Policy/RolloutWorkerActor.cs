using System.Diagnostics;
using ActorLab.Contracts.Language;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Federated;
using ActorLab.Host.Simulation;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Policy;

/// <summary>
/// A rollout worker (verl's and OpenRLHF's rollout role): a replica of the policy that loads the learner's weights
/// and generates, for each group it is given, G sampled responses to the group's prompt, or greedy responses to
/// held-out prompts. A group's responses depend only on the weights, the prompt and its key, so any number of
/// workers give the same batch.
/// </summary>
public sealed class RolloutWorkerActor : ReceiveActor
{
    private readonly CausalLanguageModel _model;
    private CausalLanguageModel? _assistant;
    private CausalLanguageModel _generator;

    /// <summary>Creates worker <paramref name="index"/> with the plan's initial weights.</summary>
    public RolloutWorkerActor(PolicyPlan plan, int index)
    {
        _model = plan.CreateModel();
        _model.eval();
        _generator = _model;
        Receive<LoadWeights>(m => ModelParameters.Load(_model, m.Parameters));
        Receive<LoadAssistant>(m =>
        {
            if (_assistant is null)
            {
                _assistant = plan.CreateModel();
                _assistant.eval();
                _generator = new LogitCombination(_model, _assistant, m.Weight, m.Filter);
            }

            ModelParameters.Load(_assistant, m.Parameters);
        });
        Receive<Rollout>(m =>
        {
            using var span = ActorLabTelemetry.Source.StartActivity("rollout", ActivityKind.Internal, TraceContext.ToParent(m.Trace));
            span?.SetTag("actorlab.rollout.worker", index);
            span?.SetTag("actorlab.rollout.groups", m.Groups.Length);
            var tokens = 0;
            var groups = m.Groups.Select(g =>
            {
                var key = RandomStreams.DeriveSeed(plan.Scenario.Seed, "policy.rollout", g.Index, m.Step);
                var responses = ResponseGeneration.Generate(_generator, [.. Enumerable.Repeat(g.Prompt, m.GroupSize)], m.Sampling, m.MaxNewTokens, key);
                tokens += responses.Sum(r => r.Length);
                return new GroupResponses(g.Index, responses);
            }).ToArray();
            span?.SetTag("actorlab.rollout.tokens", tokens);
            Sender.Tell(new RolloutDone(m.Step, groups));
        });
        Receive<Greedy>(m =>
        {
            using var span = ActorLabTelemetry.Source.StartActivity("rollout", ActivityKind.Internal, TraceContext.ToParent(m.Trace));
            span?.SetTag("actorlab.rollout.worker", index);
            span?.SetTag("actorlab.rollout.greedy", true);
            var greedy = new SamplingSettings { Temperature = 0 };
            Sender.Tell(new GreedyDone(m.Step, [.. m.Chunks.Select(c => new ChunkResponses(c.Index, ResponseGeneration.Generate(_generator, c.Prompts, greedy, m.MaxNewTokens, 0)))]));
        });
    }

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(PolicyPlan plan, int index) =>
        Akka.Actor.Props.Create(() => new RolloutWorkerActor(plan, index)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>Load the policy's weights (sent before every rollout that follows an update).</summary>
    public sealed record LoadWeights(float[] Parameters);

    /// <summary>From now on generate with the policy's logits plus <paramref name="Weight"/> times this assistant's (ULD's unlearned model).</summary>
    public sealed record LoadAssistant(float[] Parameters, double Weight, double Filter);

    /// <summary>A prompt to sample a group for: its index in the step (part of its key) and its ids.</summary>
    public sealed record RolloutGroup(int Index, int[] Prompt);

    /// <summary>Sample <paramref name="GroupSize"/> responses to each group's prompt.</summary>
    public sealed record Rollout(long Step, RolloutGroup[] Groups, int GroupSize, SamplingSettings Sampling, int MaxNewTokens, TraceContext? Trace);

    /// <summary>A group's responses (generated ids, the end token included when it came).</summary>
    public sealed record GroupResponses(int Index, int[][] Responses);

    /// <summary>The groups of a <see cref="Rollout"/>.</summary>
    public sealed record RolloutDone(long Step, GroupResponses[] Groups);

    /// <summary>Held-out prompts of one length.</summary>
    public sealed record EvaluationChunk(int Index, int[][] Prompts);

    /// <summary>Greedy responses to each chunk's prompts.</summary>
    public sealed record Greedy(long Step, EvaluationChunk[] Chunks, int MaxNewTokens, TraceContext? Trace);

    /// <summary>A chunk's greedy responses.</summary>
    public sealed record ChunkResponses(int Index, int[][] Responses);

    /// <summary>The chunks of a <see cref="Greedy"/>.</summary>
    public sealed record GreedyDone(long Step, ChunkResponses[] Chunks);

    /// <inheritdoc />
    protected override void PostStop()
    {
        _assistant?.Dispose();
        _model.Dispose();
    }
}
