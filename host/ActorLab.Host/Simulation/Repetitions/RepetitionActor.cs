using System.Diagnostics;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Simulation.Repetitions;

/// <summary>
/// One repetition of a bandit or game run, in its <c>&lt;kind&gt;.repetition</c> span: creates its players (one actor per
/// policy or agent) and paces them through the horizon in batches cut at the checkpoints, all facing the same steps:
/// each batch is one play message to every player, and the next goes out once all answered. At every checkpoint it
/// reports what they reached to its parent, so that a run stopped midway keeps it; the horizon's checkpoint ends it.
/// </summary>
/// <typeparam name="TPlayed">A player's answer to a batch.</typeparam>
public abstract class RepetitionActor<TPlayed> : ReceiveActor
{
    private readonly string _kind;
    private readonly TraceContext? _runTrace;
    private readonly long[] _checkpoints;
    private readonly long _horizon;
    private readonly int _batchSize;
    private readonly TagList _stepTags;
    private readonly TagList _playTags;
    private IActorRef[] _players = [];
    private Activity? _activity;
    private long _first;
    private long _next;
    private long _batchStarted;
    private int _waiting;

    /// <summary>
    /// Creates repetition <paramref name="repetition"/> of a run of kind <paramref name="kind"/>, paced to
    /// <paramref name="horizon"/> in batches of at most <paramref name="batchSize"/>, cut at <paramref name="checkpoints"/>.
    /// </summary>
    protected RepetitionActor(string kind, string scenario, int repetition, TraceContext? runTrace, long[] checkpoints, long horizon, int batchSize)
    {
        _kind = kind;
        Repetition = repetition;
        _runTrace = runTrace;
        _checkpoints = checkpoints;
        _horizon = horizon;
        _batchSize = batchSize;
        Tags = ActorLabTelemetry.RunTags(kind, scenario);
        _stepTags = ActorLabTelemetry.RunTags(kind, scenario, "actorlab.step", $"{kind}.batch");
        _playTags = ActorLabTelemetry.RunTags(kind, scenario, "actorlab.message", "play");
        Receive<TPlayed>(OnPlayed);
    }

    /// <summary>Which repetition.</summary>
    protected int Repetition { get; }

    /// <summary>The run's metric tags.</summary>
    protected TagList Tags { get; }

    /// <summary>Creates the players, in order (policies, agents).</summary>
    protected abstract IActorRef[] CreatePlayers();

    /// <summary>The message that makes a player play steps [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>).</summary>
    protected abstract object Play(long first, long count, TraceContext? trace);

    /// <summary>The answers that complete a batch: one per player, unless a player answers for several.</summary>
    protected virtual int AnswersPerBatch => _players.Length;

    /// <summary>A player answered the batch.</summary>
    protected abstract void Played(TPlayed played);

    /// <summary>All players played <paramref name="count"/> steps: counts the work (once per batch, never per step).</summary>
    protected abstract void CountBatch(long count);

    /// <summary>The players all reached <paramref name="checkpoint"/>: tells the parent what they reached there.</summary>
    protected abstract void ReportCheckpoint(long checkpoint);

    /// <summary>The players reached the horizon: the repetition ends (its span is closed).</summary>
    protected virtual void OnCompleted()
    {
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _activity = TraceContext.StartDetached($"{_kind}.repetition", _runTrace);
        _activity?.SetTag($"actorlab.{_kind}.repetition", Repetition);
        _players = CreatePlayers();
        NextBatch(0);
    }

    /// <summary>A player that throws fails the repetition: the exception goes up to the run's supervisor.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, -1, _ => Directive.Escalate, loggingEnabled: false);

    /// <inheritdoc />
    protected override void PostStop() => TraceContext.StopDetached(_activity);

    private void NextBatch(long first)
    {
        var checkpoint = _checkpoints.First(c => c > first);
        _first = first;
        _next = Math.Min(first + _batchSize, checkpoint);
        _waiting = AnswersPerBatch;
        _batchStarted = Stopwatch.GetTimestamp();
        var trace = TraceContext.From(_activity);
        foreach (var player in _players)
        {
            player.Tell(Play(first, _next - first, trace));
        }

        ActorLabTelemetry.MessagesSent.Add(_players.Length, _playTags);
    }

    private void OnPlayed(TPlayed played)
    {
        Played(played);
        if (--_waiting > 0)
        {
            return;
        }

        CountBatch(_next - _first);
        ActorLabTelemetry.StepDuration.Record(Stopwatch.GetElapsedTime(_batchStarted).TotalSeconds, _stepTags);
        if (Array.IndexOf(_checkpoints, _next) >= 0)
        {
            ReportCheckpoint(_next);
        }

        if (_next < _horizon)
        {
            NextBatch(_next);
            return;
        }

        TraceContext.StopDetached(_activity);
        _activity = null;
        OnCompleted();
        Context.Stop(Self);
    }
}
