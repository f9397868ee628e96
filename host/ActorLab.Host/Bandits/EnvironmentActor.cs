using System.Diagnostics;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Bandits;

/// <summary>One point of a learner's regret curve.</summary>
public sealed record RegretPoint(int Repetition, int Policy, long Step, double PseudoRegret, double HindsightRegret, double Reward);

/// <summary>
/// The environment side of one repetition: creates one <see cref="LearnerActor"/> per policy and paces them
/// through the horizon in batches (cut at the regret curve's checkpoints), all policies facing the same steps.
/// At every checkpoint it reports the learners' curve points and arm pulls to its parent, so that a run stopped
/// midway keeps them; the horizon's checkpoint ends the repetition.
/// </summary>
public sealed class EnvironmentActor : ReceiveActor
{
    private readonly BanditPlan _plan;
    private readonly int _repetition;
    private readonly TraceContext? _runTrace;
    private readonly long[] _checkpoints;
    private readonly List<RegretPoint> _points = []; // the current checkpoint's, one per policy
    private readonly long[][] _pulls;
    private IActorRef[] _learners = [];
    private Activity? _activity;
    private readonly TagList _tags;
    private readonly TagList _stepTags;
    private readonly TagList _playTags;
    private long _first;
    private long _next;
    private long _batchStarted;
    private int _waiting;

    /// <summary>Creates repetition <paramref name="repetition"/> of <paramref name="plan"/>.</summary>
    public EnvironmentActor(BanditPlan plan, int repetition, TraceContext? runTrace)
    {
        _plan = plan;
        _repetition = repetition;
        _runTrace = runTrace;
        _checkpoints = plan.Scenario.CheckpointSteps();
        _pulls = new long[plan.Scenario.Policies.Count][];
        _tags = ActorLabTelemetry.RunTags("bandit", plan.Scenario.Name);
        _stepTags = ActorLabTelemetry.RunTags("bandit", plan.Scenario.Name, "actorlab.step", "bandit.batch");
        _playTags = ActorLabTelemetry.RunTags("bandit", plan.Scenario.Name, "actorlab.message", "play");
        Receive<LearnerActor.Played>(OnPlayed);
    }

    /// <summary>Props of one repetition.</summary>
    public static Props Props(BanditPlan plan, int repetition, TraceContext? runTrace) =>
        Akka.Actor.Props.Create(() => new EnvironmentActor(plan, repetition, runTrace));

    /// <summary>The repetition's learners all reached checkpoint <paramref name="Step"/>: their points (by policy) and pulls there.</summary>
    public sealed record CheckpointReached(int Repetition, long Step, IReadOnlyList<RegretPoint> Points, long[][] Pulls);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _activity = TraceContext.StartDetached("bandit.repetition", _runTrace);
        _activity?.SetTag("actorlab.bandit.repetition", _repetition);
        _learners = Enumerable.Range(0, _plan.Scenario.Policies.Count)
            .Select(p => Context.ActorOf(LearnerActor.Props(_plan, _repetition, p), $"learner-{p}"))
            .ToArray();
        NextBatch(0);
    }

    private void NextBatch(long first)
    {
        var checkpoint = _checkpoints.First(c => c > first);
        _first = first;
        _next = Math.Min(first + _plan.Scenario.BatchSize, checkpoint);
        _waiting = _learners.Length;
        _batchStarted = Stopwatch.GetTimestamp();
        var trace = TraceContext.From(_activity);
        foreach (var learner in _learners)
        {
            learner.Tell(new LearnerActor.Play(first, _next - first, trace));
        }

        ActorLabTelemetry.MessagesSent.Add(_learners.Length, _playTags);
    }

    private void OnPlayed(LearnerActor.Played played)
    {
        _pulls[played.Policy] = played.Pulls;
        if (Array.IndexOf(_checkpoints, played.Steps) >= 0)
        {
            _points.Add(new RegretPoint(_repetition, played.Policy, played.Steps, played.PseudoRegret, played.HindsightRegret, played.Reward));
        }

        if (--_waiting > 0)
        {
            return;
        }

        // Once per batch, never per step: the learners play millions of steps a second.
        ActorLabTelemetry.BanditSteps.Add((_next - _first) * _learners.Length, _tags);
        ActorLabTelemetry.StepDuration.Record(Stopwatch.GetElapsedTime(_batchStarted).TotalSeconds, _stepTags);

        if (_points.Count > 0)
        {
            Context.Parent.Tell(new CheckpointReached(_repetition, _next, _points.OrderBy(p => p.Policy).ToList(), (long[][])_pulls.Clone()));
            _points.Clear();
        }

        if (_next < _plan.Scenario.Steps)
        {
            NextBatch(_next);
            return;
        }

        TraceContext.StopDetached(_activity);
        _activity = null;
        Context.Stop(Self);
    }

    /// <summary>A learner that throws fails the repetition: the exception goes up to the run's supervisor.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, -1, _ => Directive.Escalate, loggingEnabled: false);

    /// <inheritdoc />
    protected override void PostStop() => TraceContext.StopDetached(_activity);
}
