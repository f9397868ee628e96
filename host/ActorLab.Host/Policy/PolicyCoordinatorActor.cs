using System.Diagnostics;
using ActorLab.Contracts.Language;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Policy;

/// <summary>How a policy run ended: its steps, the held-out accuracy the post-training started from and where the time went.</summary>
public sealed record PolicyOutcome(long Steps, double? BaselineAccuracy, double RolloutSeconds, long GeneratedTokens, double LearnerSeconds);

/// <summary>
/// Runs a policy scenario over its actors (one run's root): the learner, the rollout workers, the reward and the
/// reference. SFT runs in chunks of <c>evaluation.every</c> steps on the learner, each followed by a held-out
/// evaluation on the workers; its final weights become the frozen reference. Then one post-training phase runs
/// (<c>PolicyCoordinatorActor.Rlvr.cs</c>, <c>PolicyCoordinatorActor.Preference.cs</c>, <c>PolicyCoordinatorActor.Unlearning.cs</c>). The protocol is a sequence of
/// requests, each answered once: this file holds those requests (sample groups, score, reference log-probabilities,
/// learner calls, evaluate) and the SFT phase. Rows are reported in step order, so metrics.csv is the same with any
/// number of workers.
/// </summary>
public sealed partial class PolicyCoordinatorActor : RunRootActor<PolicyOutcome>
{
    private const int ChunkSize = 64;
    private readonly PolicyPlan _plan;
    private readonly Action<PolicyStepMetrics, PolicyStepTiming?> _report;
    private readonly IVerifiableTask _task;
    private readonly (RolloutWorkerActor.EvaluationChunk Chunk, int[] Examples)[] _chunks;
    private IActorRef[] _workers = [];
    private IActorRef _learner = ActorRefs.Nobody;
    private IActorRef _reward = ActorRefs.Nobody;
    private IActorRef _reference = ActorRefs.Nobody;
    private long _step;
    private double? _baseline;
    private double _lastAccuracy = double.NaN;
    private (double Rollout, long Tokens, double Learner) _totals;
    private Activity? _stepSpan;

    // The one pending answer of each request kind.
    private Action<int[][][]>? _onSampled;
    private int[][][] _sampled = [];
    private int _sampling;
    private Action<double[]>? _onScored;
    private Action<float[][]>? _onReference;
    private Action<float[]>? _onReferenceRepresentations;
    private Action<object>? _onLearner;
    private Action<int[][][]>? _onGreedy;
    private int[][][] _greedy = [];
    private int _greedyWaiting;

    /// <summary>Creates the coordinator; <paramref name="report"/> hears every step's row (in step order) and its timing.</summary>
    public PolicyCoordinatorActor(PolicyPlan plan, TaskCompletionSource<PolicyOutcome> completion, Action<PolicyStepMetrics, PolicyStepTiming?> report, string? runId = null)
        : base(PolicyKind.KindName, plan.Scenario.Name, runId, completion, failingChild: "policy actor")
    {
        _plan = plan;
        _report = report;
        _task = plan.CreateTask();
        _chunks = Chunks(plan.Data.Test);
        Receive<RolloutWorkerActor.RolloutDone>(OnSampled);
        Receive<RolloutWorkerActor.GreedyDone>(OnGreedy);
        Receive<RewardActor.Scored>(m => Take(ref _onScored)(m.Rewards));
        Receive<ReferenceActor.LogProbsComputed>(m => Take(ref _onReference)(m.LogProbs));
        Receive<PolicyLearnerActor.SupervisedTrained>(m => Take(ref _onLearner)(m));
        Receive<PolicyLearnerActor.PolicyUpdated>(m => Take(ref _onLearner)(m));
        Receive<PolicyLearnerActor.PreferenceUpdated>(m => Take(ref _onLearner)(m));
        Receive<PolicyLearnerActor.PairsMeasured>(m => Take(ref _onLearner)(m));
        Receive<PolicyLearnerActor.Unlearned>(m => Take(ref _onLearner)(m));
        Receive<PolicyLearnerActor.RepresentationsMeasured>(m => Take(ref _onLearner)(m));
        Receive<ReferenceActor.RepresentationsComputed>(m => Take(ref _onReferenceRepresentations)(m.Representations));
        Receive<Continue>(m => m.Next());
    }

    /// <summary>Props of the run.</summary>
    public static Props Props(PolicyPlan plan, TaskCompletionSource<PolicyOutcome> completion, Action<PolicyStepMetrics, PolicyStepTiming?> report, string? runId = null) =>
        Akka.Actor.Props.Create(() => new PolicyCoordinatorActor(plan, completion, report, runId));

    /// <inheritdoc />
    protected override IEnumerable<(string Key, object? Value)> RunSpanTags() =>
    [
        ("actorlab.task", _plan.Scenario.Task.Name),
        ("actorlab.model", _plan.Scenario.Model.Name),
        ("actorlab.phase", _plan.Scenario.Rlvr is not null ? "rlvr" : _plan.Scenario.Preference is not null ? "preference" : _plan.Scenario.Unlearning is not null ? "unlearning" : "sft"),
        ("actorlab.loss", _plan.Scenario.Rlvr?.Loss.Name ?? _plan.Scenario.Preference?.Loss.Name ?? _plan.Scenario.Unlearning?.Loss.Name),
        ("actorlab.rollout.workers", _plan.Workers),
    ];

    /// <inheritdoc />
    protected override void StartRun()
    {
        _learner = Context.ActorOf(PolicyLearnerActor.Props(_plan), "learner");
        _workers = [.. Enumerable.Range(0, _plan.Workers).Select(i => Context.ActorOf(RolloutWorkerActor.Props(_plan, i), $"rollout-{i}"))];
        _reward = Context.ActorOf(RewardActor.Props(_plan), "reward");
        _reference = Context.ActorOf(ReferenceActor.Props(_plan), "reference");
        if (_plan.Scenario.Sft is { } sft)
        {
            _learner.Tell(new PolicyLearnerActor.StartPhase(sft.LearningRate));
            TrainSupervised(1);
            return;
        }

        // No SFT: the initialisation is the baseline (and the reference, which was built with it).
        Evaluate(new PolicyStepMetrics(0, "init", 0), null, row =>
        {
            _report(row, null);
            StartPostTraining();
        });
    }

    private void TrainSupervised(int from)
    {
        var sft = _plan.Scenario.Sft!;
        var to = Math.Min(sft.Steps, from + _plan.Scenario.Evaluation.Every - 1);
        Learn(new PolicyLearnerActor.TrainSupervised(from, to, _step + 1, RunTrace), answer =>
        {
            var m = (PolicyLearnerActor.SupervisedTrained)answer;
            _totals.Learner += m.Seconds;
            foreach (var row in m.Rows.SkipLast(1))
            {
                _report(row, null);
            }

            var last = m.Rows[^1];
            _step = last.Step;
            LoadWorkers(m.Weights);
            Evaluate(last, new PolicyStepTiming(last.Step, "sft", 0, m.Seconds, 0), row =>
            {
                _report(row, new PolicyStepTiming(last.Step, "sft", 0, m.Seconds, 0));
                if (last.PhaseStep < sft.Steps)
                {
                    TrainSupervised(last.PhaseStep + 1);
                    return;
                }

                _reference.Tell(new ReferenceActor.Freeze(m.Weights));
                StartPostTraining();
            });
        });
    }

    /// <summary>The phase after SFT, or the end of the run; the accuracy so far is the baseline post-training is judged against.</summary>
    private void StartPostTraining()
    {
        _baseline = _lastAccuracy;
        if (_plan.Scenario.Rlvr is { } rl)
        {
            _learner.Tell(new PolicyLearnerActor.StartPhase(rl.LearningRate));
            StartRlvrStep(1);
        }
        else if (_plan.Scenario.Preference is { } preference)
        {
            _learner.Tell(new PolicyLearnerActor.StartPhase(preference.LearningRate));
            StartPreference();
        }
        else if (_plan.Scenario.Unlearning is not null)
        {
            StartUnlearning();
        }
        else
        {
            Finished();
        }
    }

    /// <summary>The workers load <paramref name="weights"/> (mailbox order: before any request sent after this).</summary>
    private void LoadWorkers(float[] weights)
    {
        foreach (var worker in _workers)
        {
            worker.Tell(new RolloutWorkerActor.LoadWeights(weights));
        }
    }

    /// <summary>
    /// Samples <paramref name="samples"/> responses to each prompt, the groups dealt round-robin to the workers;
    /// <paramref name="step"/> is part of every group's key, so distinct requests must use distinct steps.
    /// </summary>
    private void SampleGroups(long step, IReadOnlyList<int[]> prompts, int samples, SamplingSettings sampling, Action<int[][][]> then)
    {
        _onSampled = then;
        _sampled = new int[prompts.Count][][];
        _sampling = 0;
        var trace = StepTrace;
        for (var w = 0; w < _workers.Length; w++)
        {
            var groups = Enumerable.Range(0, prompts.Count).Where(g => g % _workers.Length == w)
                .Select(g => new RolloutWorkerActor.RolloutGroup(g, prompts[g])).ToArray();
            if (groups.Length > 0)
            {
                _workers[w].Tell(new RolloutWorkerActor.Rollout(step, groups, samples, sampling, _plan.MaxNewTokens, trace));
                _sampling++;
            }
        }

        ActorLabTelemetry.MessagesSent.Add(_sampling, Tags("actorlab.message", "rollout"));
        if (_sampling == 0)
        {
            Take(ref _onSampled)(_sampled);
        }
    }

    private void OnSampled(RolloutWorkerActor.RolloutDone m)
    {
        foreach (var g in m.Groups)
        {
            _sampled[g.Index] = g.Responses;
        }

        if (--_sampling == 0)
        {
            Take(ref _onSampled)(_sampled);
        }
    }

    /// <summary>The verifier's rewards of <paramref name="items"/>, in order.</summary>
    private void Score(long step, RewardActor.ScoreItem[] items, Action<double[]> then)
    {
        _onScored = then;
        _reward.Tell(new RewardActor.Score(step, items, StepTrace));
    }

    /// <summary>The reference's target log-probabilities of each batch, in the batches' layouts.</summary>
    private void ReferenceLogProbs(long step, SequenceBatch[] batches, double temperature, Action<float[][]> then)
    {
        _onReference = then;
        _reference.Tell(new ReferenceActor.ComputeLogProbs(step, batches, temperature, StepTrace));
    }

    /// <summary>Sends <paramref name="request"/> to the learner; <paramref name="then"/> gets its answer.</summary>
    private void Learn(object request, Action<object> then)
    {
        _onLearner = then;
        _learner.Tell(request);
    }

    /// <summary>Greedy responses to the held-out prompts with the weights the workers hold, scored into <paramref name="row"/>.</summary>
    private void Evaluate(PolicyStepMetrics row, PolicyStepTiming? timing, Action<PolicyStepMetrics> then) =>
        GreedyAccuracy(_plan.Data.Test, _chunks, row.Step, (accuracy, reward) =>
        {
            _lastAccuracy = accuracy;
            ActorLabTelemetry.TestAccuracy.Record(_lastAccuracy, Tags());
            then(row with { Accuracy = accuracy, TestReward = reward });
        });

    /// <summary>
    /// The share of <paramref name="examples"/> whose greedy response earns reward 1, and their mean reward (NaN for
    /// none), with the weights the workers hold; <paramref name="chunks"/> are <see cref="Chunks"/> of the examples.
    /// </summary>
    private void GreedyAccuracy(IReadOnlyList<TaskExample> examples, (RolloutWorkerActor.EvaluationChunk Chunk, int[] Examples)[] chunks, long step, Action<double, double> then)
    {
        _greedy = new int[chunks.Length][][];
        _greedyWaiting = 0;
        _onGreedy = responses =>
        {
            var rewards = new double[examples.Count];
            foreach (var (chunk, members) in chunks)
            {
                for (var i = 0; i < members.Length; i++)
                {
                    rewards[members[i]] = _task.Reward(examples[members[i]], _plan.Vocabulary.Decode(responses[chunk.Index][i]));
                }
            }

            then(examples.Count == 0 ? double.NaN : rewards.Count(r => r >= 1) / (double)examples.Count, examples.Count == 0 ? double.NaN : rewards.Average());
        };
        for (var w = 0; w < _workers.Length; w++)
        {
            var mine = chunks.Where(c => c.Chunk.Index % _workers.Length == w).Select(c => c.Chunk).ToArray();
            if (mine.Length > 0)
            {
                _workers[w].Tell(new RolloutWorkerActor.Greedy(step, mine, _plan.MaxNewTokens, StepTrace));
                _greedyWaiting++;
            }
        }

        if (_greedyWaiting == 0)
        {
            Take(ref _onGreedy)(_greedy);
        }
    }

    /// <summary>
    /// <paramref name="examples"/>' prompts in chunks of one length (so generation needs no padding), at most
    /// <see cref="ChunkSize"/> each, with the example index of each row: the same chunks whatever the number of workers.
    /// </summary>
    private (RolloutWorkerActor.EvaluationChunk Chunk, int[] Examples)[] Chunks(IReadOnlyList<TaskExample> examples)
    {
        var index = 0;
        return [.. Enumerable.Range(0, examples.Count)
            .Select(i => (Index: i, Prompt: _plan.PromptIds(examples[i])))
            .GroupBy(p => p.Prompt.Length).OrderBy(g => g.Key)
            .SelectMany(g => g.Chunk(ChunkSize))
            .Select(c => (new RolloutWorkerActor.EvaluationChunk(index++, [.. c.Select(p => p.Prompt)]), c.Select(p => p.Index).ToArray()))];
    }

    private void OnGreedy(RolloutWorkerActor.GreedyDone m)
    {
        foreach (var c in m.Chunks)
        {
            _greedy[c.Index] = c.Responses;
        }

        if (--_greedyWaiting == 0)
        {
            Take(ref _onGreedy)(_greedy);
        }
    }

    /// <summary>Whether the phase step <paramref name="phaseStep"/> of <paramref name="steps"/> is evaluated.</summary>
    private bool EvaluatesAt(int phaseStep, int steps) => phaseStep % _plan.Scenario.Evaluation.Every == 0 || phaseStep == steps;

    /// <summary>The trace context requests carry: the step span in flight, else the run's.</summary>
    private TraceContext? StepTrace => TraceContext.From(_stepSpan) ?? RunTrace;

    private void OpenStepSpan(string phase, int step)
    {
        _stepSpan = TraceContext.StartDetached("policy.step", RunTrace);
        _stepSpan?.SetTag("actorlab.phase", phase);
        _stepSpan?.SetTag("actorlab.step", step);
    }

    /// <summary>Closes the step span and continues with <paramref name="next"/> through the mailbox (so it stays responsive between steps).</summary>
    private void EndStep(Action next)
    {
        TraceContext.StopDetached(_stepSpan);
        _stepSpan = null;
        Self.Tell(new Continue(next));
    }

    private void Finished()
    {
        TagRun("actorlab.accuracy", _lastAccuracy);
        Complete(new PolicyOutcome(_step, _baseline, _totals.Rollout, _totals.Tokens, _totals.Learner));
    }

    /// <summary>The pending continuation, cleared (an answer nobody waits for is a protocol bug).</summary>
    private static T Take<T>(ref T? pending) where T : Delegate
    {
        var taken = pending ?? throw new InvalidOperationException($"an answer arrived for a {typeof(T).Name} nobody waits for");
        pending = null;
        return taken;
    }

    /// <summary>Run <paramref name="Next"/> (a continuation passed through the mailbox; never leaves the process).</summary>
    private sealed record Continue(Action Next);
}
