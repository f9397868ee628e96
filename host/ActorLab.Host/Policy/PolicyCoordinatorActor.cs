using System.Diagnostics;
using ActorLab.Contracts.Language;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Policy;

/// <summary>How a policy run ended: its steps, the SFT checkpoint's held-out accuracy and where the time went.</summary>
public sealed record PolicyOutcome(long Steps, double? BaselineAccuracy, double RolloutSeconds, long GeneratedTokens, double LearnerSeconds, int RlvrSteps);

/// <summary>
/// Runs a policy scenario over its actors (one run's root): the learner, the rollout workers, the reward and the
/// reference. SFT runs in chunks of <c>evaluation.every</c> steps on the learner, each followed by a held-out
/// evaluation on the workers; its final weights become the frozen reference. Each RL step then draws its prompts from
/// the run seed, has the workers sample G responses per prompt (groups dealt round-robin), sends the batch to the
/// reward actor and the reference at once, and gives the learner the batch with both answers; the new weights go to
/// the workers before the next rollout. Rows are reported in step order, so metrics.csv is the same with any number
/// of workers.
/// </summary>
public sealed class PolicyCoordinatorActor : RunRootActor<PolicyOutcome>
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
    private (double Rollout, long Tokens, double Learner) _totals;

    // The RL step in flight.
    private int _rlStep;
    private int[] _prompts = [];
    private int[][][] _groups = [];
    private int _waiting;
    private long _rolloutStarted;
    private double _rolloutSeconds;
    private long _tokens;
    private SequenceBatch? _batch;
    private double[]? _rewards;
    private float[]? _referenceLogProbs;
    private Activity? _stepSpan;

    // The evaluation in flight.
    private int[][][] _evaluated = [];
    private PolicyStepMetrics? _evaluating;
    private PolicyStepTiming? _evaluatingTiming;
    private Action? _afterEvaluation;

    /// <summary>Creates the coordinator; <paramref name="report"/> hears every step's row (in step order) and its timing.</summary>
    public PolicyCoordinatorActor(PolicyPlan plan, TaskCompletionSource<PolicyOutcome> completion, Action<PolicyStepMetrics, PolicyStepTiming?> report, string? runId = null)
        : base(PolicyKind.KindName, plan.Scenario.Name, runId, completion, failingChild: "policy actor")
    {
        _plan = plan;
        _report = report;
        _task = plan.CreateTask();
        var test = plan.Data.Test;
        var index = 0;
        _chunks = [.. Enumerable.Range(0, test.Count)
            .Select(i => (Index: i, Prompt: plan.PromptIds(test[i])))
            .GroupBy(p => p.Prompt.Length).OrderBy(g => g.Key)
            .SelectMany(g => g.Chunk(ChunkSize))
            .Select(c => (new RolloutWorkerActor.EvaluationChunk(index++, [.. c.Select(p => p.Prompt)]), c.Select(p => p.Index).ToArray()))];
        Receive<PolicyLearnerActor.SupervisedTrained>(OnSupervised);
        Receive<RolloutWorkerActor.RolloutDone>(OnRollout);
        Receive<RewardActor.Scored>(m =>
        {
            _rewards = m.Rewards;
            UpdateWhenReady();
        });
        Receive<ReferenceActor.LogProbsComputed>(m =>
        {
            _referenceLogProbs = m.LogProbs;
            UpdateWhenReady();
        });
        Receive<PolicyLearnerActor.PolicyUpdated>(OnUpdated);
        Receive<RolloutWorkerActor.GreedyDone>(OnGreedy);
        Receive<NextRlvrStep>(m => StartRlvrStep(m.Step));
    }

    /// <summary>Props of the run.</summary>
    public static Props Props(PolicyPlan plan, TaskCompletionSource<PolicyOutcome> completion, Action<PolicyStepMetrics, PolicyStepTiming?> report, string? runId = null) =>
        Akka.Actor.Props.Create(() => new PolicyCoordinatorActor(plan, completion, report, runId));

    /// <inheritdoc />
    protected override IEnumerable<(string Key, object? Value)> RunSpanTags() =>
    [
        ("actorlab.task", _plan.Scenario.Task.Name),
        ("actorlab.model", _plan.Scenario.Model.Name),
        ("actorlab.loss", _plan.Scenario.Rlvr?.Loss.Name),
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
        Evaluate(new PolicyStepMetrics(0, "init", 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN), null,
            _plan.InitialParameters, () =>
            {
                _baseline = _lastAccuracy;
                StartRlvr();
            });
    }

    private double _lastAccuracy;

    private void TrainSupervised(int from)
    {
        var sft = _plan.Scenario.Sft!;
        var to = Math.Min(sft.Steps, from + _plan.Scenario.Evaluation.Every - 1);
        _learner.Tell(new PolicyLearnerActor.TrainSupervised(from, to, _step + 1, RunTrace));
    }

    private void OnSupervised(PolicyLearnerActor.SupervisedTrained m)
    {
        var sft = _plan.Scenario.Sft!;
        _totals.Learner += m.Seconds;
        foreach (var row in m.Rows.SkipLast(1))
        {
            _report(row, null);
        }

        var last = m.Rows[^1];
        _step = last.Step;
        Evaluate(last, new PolicyStepTiming(last.Step, "sft", 0, m.Seconds, 0), m.Weights, () =>
        {
            if (last.PhaseStep < sft.Steps)
            {
                TrainSupervised(last.PhaseStep + 1);
                return;
            }

            _baseline = _lastAccuracy;
            _reference.Tell(new ReferenceActor.Freeze(m.Weights));
            StartRlvr();
        });
    }

    private void StartRlvr()
    {
        if (_plan.Scenario.Rlvr is not { } rl)
        {
            Finished();
            return;
        }

        _learner.Tell(new PolicyLearnerActor.StartPhase(rl.LearningRate));
        StartRlvrStep(1);
    }

    private void StartRlvrStep(int step)
    {
        var rl = _plan.Scenario.Rlvr!;
        _rlStep = step;
        _stepSpan = TraceContext.StartDetached("policy.step", RunTrace);
        _stepSpan?.SetTag("actorlab.step", step);
        var pool = _plan.RlvrPool;
        var random = RandomStreams.Create(_plan.Scenario.Seed, "policy.rlvr.prompts", step);
        _prompts = [.. Enumerable.Range(0, rl.Prompts).Select(_ => random.Next(pool.Count))];
        _groups = new int[rl.Prompts][][];
        (_batch, _rewards, _referenceLogProbs) = (null, null, null);
        _waiting = 0;
        _rolloutStarted = Stopwatch.GetTimestamp();
        var trace = TraceContext.From(_stepSpan) ?? RunTrace;
        for (var w = 0; w < _workers.Length; w++)
        {
            var groups = Enumerable.Range(0, rl.Prompts).Where(g => g % _workers.Length == w)
                .Select(g => new RolloutWorkerActor.RolloutGroup(g, _plan.PromptIds(pool[_prompts[g]]))).ToArray();
            if (groups.Length > 0)
            {
                _workers[w].Tell(new RolloutWorkerActor.Rollout(step, groups, rl.GroupSize, rl.Sampling, _plan.MaxNewTokens, trace));
                _waiting++;
            }
        }

        ActorLabTelemetry.MessagesSent.Add(_waiting, Tags("actorlab.message", "rollout"));
    }

    private void OnRollout(RolloutWorkerActor.RolloutDone m)
    {
        foreach (var g in m.Groups)
        {
            _groups[g.Index] = g.Responses;
        }

        if (--_waiting > 0)
        {
            return;
        }

        _rolloutSeconds = Stopwatch.GetElapsedTime(_rolloutStarted).TotalSeconds;
        _tokens = _groups.Sum(g => (long)g.Sum(r => r.Length));
        var rl = _plan.Scenario.Rlvr!;
        var pool = _plan.RlvrPool;
        var prompts = new List<int[]>();
        var responses = new List<int[]>();
        var items = new List<RewardActor.ScoreItem>();
        for (var g = 0; g < _groups.Length; g++)
        {
            var prompt = _plan.PromptIds(pool[_prompts[g]]);
            foreach (var response in _groups[g])
            {
                prompts.Add(prompt);
                responses.Add(response);
                items.Add(new RewardActor.ScoreItem(_prompts[g], _plan.Vocabulary.Decode(response)));
            }
        }

        _batch = SequenceBatch.Of(prompts, responses);
        var trace = TraceContext.From(_stepSpan) ?? RunTrace;
        _reward.Tell(new RewardActor.Score(_rlStep, [.. items], trace));
        _reference.Tell(new ReferenceActor.ComputeLogProbs(_rlStep, _batch, rl.Sampling.Temperature > 0 ? rl.Sampling.Temperature : 1, trace));
    }

    private void UpdateWhenReady()
    {
        if (_rewards is null || _referenceLogProbs is null || _batch is null)
        {
            return;
        }

        _learner.Tell(new PolicyLearnerActor.UpdatePolicy(_rlStep, _batch, _rewards, _referenceLogProbs, TraceContext.From(_stepSpan) ?? RunTrace));
    }

    private void OnUpdated(PolicyLearnerActor.PolicyUpdated m)
    {
        var rl = _plan.Scenario.Rlvr!;
        var g = rl.GroupSize;
        var rewards = _rewards!;
        var zero = Enumerable.Range(0, rl.Prompts).Count(p => rewards.Skip(p * g).Take(g).Distinct().Count() == 1);
        var lengths = _groups.SelectMany(x => x).Select(r => r.Length - (r.Length > 0 && r[^1] == TokenVocabulary.End ? 1 : 0));
        _step++;
        _totals = (_totals.Rollout + _rolloutSeconds, _totals.Tokens + _tokens, _totals.Learner + m.Seconds);
        var u = m.Update;
        var row = new PolicyStepMetrics(_step, "rlvr", _rlStep, u.Loss, rewards.Average(), double.NaN, double.NaN, u.Kl, u.Entropy, lengths.Average(),
            zero / (double)rl.Prompts, u.GradientNorm, rl.LearningRate);
        var timing = new PolicyStepTiming(_step, "rlvr", _rolloutSeconds, m.Seconds, _tokens);
        ActorLabTelemetry.TrainerSteps.Add(1, Tags());
        foreach (var worker in _workers)
        {
            worker.Tell(new RolloutWorkerActor.LoadWeights(m.Weights));
        }

        if (_rlStep % _plan.Scenario.Evaluation.Every == 0 || _rlStep == rl.Steps)
        {
            Evaluate(row, timing, null, EndRlvrStep);
            return;
        }

        _report(row, timing);
        EndRlvrStep();
    }

    private void EndRlvrStep()
    {
        TraceContext.StopDetached(_stepSpan);
        _stepSpan = null;
        if (_rlStep < _plan.Scenario.Rlvr!.Steps)
        {
            Self.Tell(new NextRlvrStep(_rlStep + 1));
            return;
        }

        Finished();
    }

    /// <summary>Greedy responses to the held-out prompts with <paramref name="weights"/> (null: those the workers hold), scored into <paramref name="row"/>.</summary>
    private void Evaluate(PolicyStepMetrics row, PolicyStepTiming? timing, float[]? weights, Action then)
    {
        (_evaluating, _evaluatingTiming, _afterEvaluation) = (row, timing, then);
        if (weights is not null)
        {
            foreach (var worker in _workers)
            {
                worker.Tell(new RolloutWorkerActor.LoadWeights(weights));
            }
        }

        _evaluated = new int[_chunks.Length][][];
        _waiting = 0;
        for (var w = 0; w < _workers.Length; w++)
        {
            var chunks = _chunks.Where(c => c.Chunk.Index % _workers.Length == w).Select(c => c.Chunk).ToArray();
            if (chunks.Length > 0)
            {
                _workers[w].Tell(new RolloutWorkerActor.Greedy(row.Step, chunks, _plan.MaxNewTokens, TraceContext.From(_stepSpan) ?? RunTrace));
                _waiting++;
            }
        }

        if (_waiting == 0)
        {
            OnEvaluated();
        }
    }

    private void OnGreedy(RolloutWorkerActor.GreedyDone m)
    {
        foreach (var c in m.Chunks)
        {
            _evaluated[c.Index] = c.Responses;
        }

        if (--_waiting == 0)
        {
            OnEvaluated();
        }
    }

    private void OnEvaluated()
    {
        var test = _plan.Data.Test;
        var rewards = new double[test.Count];
        foreach (var (chunk, examples) in _chunks)
        {
            for (var i = 0; i < examples.Length; i++)
            {
                rewards[examples[i]] = _task.Reward(test[examples[i]], _plan.Vocabulary.Decode(_evaluated[chunk.Index][i]));
            }
        }

        _lastAccuracy = test.Count == 0 ? double.NaN : rewards.Count(r => r >= 1) / (double)test.Count;
        var row = _evaluating! with { Accuracy = _lastAccuracy, TestReward = test.Count == 0 ? double.NaN : rewards.Average() };
        _report(row, _evaluatingTiming);
        ActorLabTelemetry.TestAccuracy.Record(_lastAccuracy, Tags());
        var then = _afterEvaluation!;
        (_evaluating, _evaluatingTiming, _afterEvaluation) = (null, null, null);
        then();
    }

    private void Finished()
    {
        TagRun("actorlab.accuracy", _lastAccuracy);
        Complete(new PolicyOutcome(_step, _baseline, _totals.Rollout, _totals.Tokens, _totals.Learner, _plan.Scenario.Rlvr?.Steps ?? 0));
    }

    /// <summary>Start RL step <paramref name="Step"/> (sent to itself, so the mailbox stays responsive between steps).</summary>
    private sealed record NextRlvrStep(int Step);
}
