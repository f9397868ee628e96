using System.Diagnostics;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Simulation;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Policy;

/// <summary>
/// The learner role (verl's actor, OpenRLHF's actor model): an actor shell around a <see cref="PolicyLearner"/>. It
/// trains supervised steps on the task's reference answers and RL updates from the batches the coordinator assembles,
/// answering each with the metrics and the new weights, which the coordinator sends to the rollout workers. A plugin
/// that throws here fails the run with its message.
/// </summary>
public sealed class PolicyLearnerActor : ReceiveActor
{
    private readonly PolicyLearner _learner;

    /// <summary>Creates the learner over the plan's initial weights.</summary>
    public PolicyLearnerActor(PolicyPlan plan)
    {
        _learner = new PolicyLearner(plan);
        var scenario = plan.Scenario;
        var loss = scenario.Rlvr is { } rl
            ? scenario.RlvrLossContract == typeof(ITokenPolicyLoss)
                ? (object)plan.Catalog.Create<ITokenPolicyLoss>(rl.Loss.Name, rl.Loss.Options)
                : plan.Catalog.Create<IGroupPolicyLoss>(rl.Loss.Name, rl.Loss.Options)
            : null;
        var preference = scenario.Preference is { } pref ? plan.Catalog.Create<IPreferenceLoss>(pref.Loss.Name, pref.Loss.Options) : null;
        var unlearning = scenario.Unlearning is { } unl ? plan.Catalog.Create<IUnlearningLoss>(unl.Loss.Name, unl.Loss.Options) : null;
        Receive<StartPhase>(m =>
        {
            if (m.Assistant)
            {
                _learner.StartAssistant(m.LearningRate);
                return;
            }

            _learner.StartPhase(m.LearningRate);
        });
        Receive<Unlearn>(m =>
        {
            var u = scenario.Unlearning!;
            using var span = StepSpan(m.Trace, "unlearning", m.Step);
            var clock = Stopwatch.StartNew();
            var update = _learner.UnlearnStep(m.Forget, m.Reference, m.Retain, unlearning!, u.RetainWeight, u.GradientClip);
            if (!double.IsFinite(update.Loss))
            {
                throw new InvalidOperationException($"the unlearning loss '{u.Loss.Name}' is {update.Loss} at unlearning step {m.Step}; lower unlearning.learningRate or set unlearning.gradientClip");
            }

            Sender.Tell(new Unlearned(m.Step, update, _learner.Weights(), _learner.AssistantWeights(), clock.Elapsed.TotalSeconds));
        });
        Receive<MeasureRepresentations>(m =>
        {
            var (cka, probe) = _learner.Representations(m.Prompts, m.Original, m.Labels);
            Sender.Tell(new RepresentationsMeasured(cka, probe));
        });
        Receive<TrainPreference>(m =>
        {
            var p = scenario.Preference!;
            using var span = StepSpan(m.Trace, "preference", m.Step);
            var clock = Stopwatch.StartNew();
            var update = _learner.PreferenceStep(m.Chosen, m.Rejected, m.ReferenceChosen, m.ReferenceRejected, preference!, p.GradientClip, p.Entanglement);
            if (!double.IsFinite(update.Loss))
            {
                throw new InvalidOperationException($"the preference loss '{p.Loss.Name}' is {update.Loss} at preference step {m.Step}; lower preference.learningRate or set preference.gradientClip");
            }

            Sender.Tell(new PreferenceUpdated(m.Step, update, _learner.Weights(), clock.Elapsed.TotalSeconds));
        });
        Receive<MeasurePairs>(m => Sender.Tell(new PairsMeasured(_learner.ImplicitRewardAccuracy(m.Chosen, m.Rejected, m.ReferenceChosen, m.ReferenceRejected))));
        Receive<TrainSupervised>(m =>
        {
            var sft = scenario.Sft!;
            using var span = StepSpan(m.Trace, "sft", m.To);
            span?.SetTag("actorlab.first_step", m.From);
            var clock = Stopwatch.StartNew();
            var rows = new List<PolicyStepMetrics>();
            for (var s = m.From; s <= m.To; s++)
            {
                var random = RandomStreams.Create(scenario.Seed, "policy.sft.batch", s);
                var batch = Enumerable.Range(0, sft.BatchSize).Select(_ => plan.Data.Train[random.Next(plan.Data.Train.Count)]).ToList();
                var (value, norm) = _learner.SupervisedStep(batch, sft.GradientClip);
                rows.Add(new PolicyStepMetrics(m.FirstStep + s - m.From, "sft", s) { Loss = value, GradientNorm = norm, LearningRate = sft.LearningRate });
            }

            Sender.Tell(new SupervisedTrained(rows, _learner.Weights(), clock.Elapsed.TotalSeconds));
        });
        Receive<UpdatePolicy>(m =>
        {
            var rl = scenario.Rlvr!;
            using var span = StepSpan(m.Trace, "rlvr", m.Step);
            var clock = Stopwatch.StartNew();
            var temperature = rl.Sampling.Temperature > 0 ? rl.Sampling.Temperature : 1;
            var update = _learner.RlvrStep(m.Batch, m.Rewards, m.Reference, rl.GroupSize, loss!, temperature, rl.UpdatesPerStep, rl.GradientClip, rl.EntropyCoefficient);
            if (!double.IsFinite(update.Loss))
            {
                throw new InvalidOperationException($"the RL loss '{rl.Loss.Name}' is {update.Loss} at RL step {m.Step}; lower rlvr.learningRate or set rlvr.gradientClip");
            }

            Sender.Tell(new PolicyUpdated(m.Step, update, _learner.Weights(), clock.Elapsed.TotalSeconds));
        });
    }

    /// <summary>The <c>learner.step</c> span of a phase's step (the last of an SFT chunk), under <paramref name="trace"/>.</summary>
    private static Activity? StepSpan(TraceContext? trace, string phase, long step)
    {
        var span = ActorLabTelemetry.Source.StartActivity("learner.step", ActivityKind.Internal, TraceContext.ToParent(trace));
        span?.SetTag("actorlab.phase", phase);
        span?.SetTag("actorlab.step", step);
        return span;
    }

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(PolicyPlan plan) => Akka.Actor.Props.Create(() => new PolicyLearnerActor(plan)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>Start a phase with a fresh optimizer (of a new assistant, a copy of the policy, when <paramref name="Assistant"/>).</summary>
    public sealed record StartPhase(double LearningRate, bool Assistant = false);

    /// <summary>One unlearning step on a forget batch (with the reference's log-probabilities in its layout) and a retain batch.</summary>
    public sealed record Unlearn(long Step, SequenceBatch Forget, float[] Reference, SequenceBatch Retain, TraceContext? Trace);

    /// <summary>The step's measurements and the weights after it (the assistant's too in assistant unlearning).</summary>
    public sealed record Unlearned(long Step, UnlearningUpdate Update, float[] Weights, float[]? AssistantWeights, double Seconds);

    /// <summary>Compare the policy's representations of the forget prompts with the original model's, and probe them for the answers' first token.</summary>
    public sealed record MeasureRepresentations(int[][] Prompts, float[] Original, int[] Labels);

    /// <summary>Linear CKA and the probe's accuracy.</summary>
    public sealed record RepresentationsMeasured(double Cka, double Probe);

    /// <summary>Supervised steps <paramref name="From"/>..<paramref name="To"/> of the SFT phase, the first being step <paramref name="FirstStep"/> of the run.</summary>
    public sealed record TrainSupervised(int From, int To, long FirstStep, TraceContext? Trace);

    /// <summary>The steps' rows and the weights after them.</summary>
    public sealed record SupervisedTrained(IReadOnlyList<PolicyStepMetrics> Rows, float[] Weights, double Seconds);

    /// <summary>One RL update from a rollout batch, its rewards and the reference's log-probabilities (in the batch's layout).</summary>
    public sealed record UpdatePolicy(long Step, SequenceBatch Batch, double[] Rewards, float[] Reference, TraceContext? Trace);

    /// <summary>The update's measurements and the new weights.</summary>
    public sealed record PolicyUpdated(long Step, RlvrUpdate Update, float[] Weights, double Seconds);

    /// <summary>One preference step on pairs (row i of each layout is pair i) with the reference's log-probabilities.</summary>
    public sealed record TrainPreference(long Step, SequenceBatch Chosen, SequenceBatch Rejected, float[] ReferenceChosen, float[] ReferenceRejected, TraceContext? Trace);

    /// <summary>The step's measurements and the new weights.</summary>
    public sealed record PreferenceUpdated(long Step, PreferenceUpdate Update, float[] Weights, double Seconds);

    /// <summary>Score the implicit reward on pairs with true labels.</summary>
    public sealed record MeasurePairs(SequenceBatch Chosen, SequenceBatch Rejected, float[] ReferenceChosen, float[] ReferenceRejected);

    /// <summary>Share of pairs the implicit reward ranks right.</summary>
    public sealed record PairsMeasured(double Accuracy);

    /// <inheritdoc />
    protected override void PostStop() => _learner.Dispose();
}
