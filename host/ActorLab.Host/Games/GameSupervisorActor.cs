using System.Diagnostics;
using ActorLab.Host.Results;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Games;

/// <summary>
/// A game run's results: the repetitions kept (all of them, to the horizon, for a completed run), the checkpoint they
/// reach, and the wall time of the actor part.
/// </summary>
public sealed record GameOutcome(IReadOnlyList<GameRepetition> Repetitions, long Rounds, double Seconds)
{
    /// <summary>What <paramref name="checkpoints"/> keeps (<see cref="RepetitionCheckpoints{T}.Kept"/>); null when that is nothing.</summary>
    public static GameOutcome? Of(RepetitionCheckpoints<GameMasterActor.CheckpointReached> checkpoints, double seconds)
    {
        var (round, repetitions) = checkpoints.Kept();
        return repetitions.Count == 0 ? null : new GameOutcome([.. repetitions.Select(r => GameRepetition.Of(r.Repetition, r.Records))], round, seconds);
    }
}

/// <summary>
/// The root of a game run: opens the run span and runs the repetitions' <see cref="GameMasterActor"/>s. Online
/// learning repetitions all start at once (their agents share the trainer threads); repeated games run
/// workers / players at a time, since each of their agents holds a thread while the players wait for each other.
/// The repetitions' checkpoints are recorded as they arrive (what a stopped run keeps). A failing agent fails its
/// repetition and the run with its message; the host lives on.
/// </summary>
public sealed class GameSupervisorActor : ReceiveActor
{
    private readonly GamePlan _plan;
    private readonly TaskCompletionSource<GameOutcome> _completion;
    private readonly RepetitionCheckpoints<GameMasterActor.CheckpointReached> _checkpoints;
    private readonly Action<RepetitionProgress>? _progress;
    private readonly string? _runId;
    private readonly int _concurrent;
    private readonly Stopwatch _clock = new();
    private Activity? _run;
    private int _started;

    /// <summary>
    /// Creates the supervisor; <paramref name="checkpoints"/> receives every repetition's checkpoints, <paramref name="progress"/>
    /// hears each completed repetition and each further tenth of the horizon all running repetitions have passed,
    /// <paramref name="runId"/> goes on the run span.
    /// </summary>
    public GameSupervisorActor(GamePlan plan, int workers, TaskCompletionSource<GameOutcome> completion, RepetitionCheckpoints<GameMasterActor.CheckpointReached> checkpoints,
        Action<RepetitionProgress>? progress, string? runId = null)
    {
        _plan = plan;
        _runId = runId;
        _completion = completion;
        _checkpoints = checkpoints;
        _progress = progress;
        _concurrent = plan.IsGame ? Math.Max(1, workers / plan.Scenario.Agents.Count) : plan.Scenario.Repetitions;
        Receive<GameMasterActor.CheckpointReached>(OnCheckpoint);
        Receive<RepetitionFailed>(m => Finish(m.Reason));
    }

    /// <summary>Props of the run.</summary>
    public static Props Props(GamePlan plan, int workers, TaskCompletionSource<GameOutcome> completion, RepetitionCheckpoints<GameMasterActor.CheckpointReached> checkpoints,
        Action<RepetitionProgress>? progress, string? runId = null) =>
        Akka.Actor.Props.Create(() => new GameSupervisorActor(plan, workers, completion, checkpoints, progress, runId));

    private sealed record RepetitionFailed(string Reason);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _clock.Start();
        _run = TraceContext.StartDetached("run", null);
        _run?.SetTag("actorlab.kind", "game");
        _run?.SetTag("actorlab.scenario", _plan.Scenario.Name);
        _run?.SetTag("actorlab.run.id", _runId);
        _run?.SetTag("actorlab.game", (_plan.Scenario.Game ?? _plan.Scenario.Sequence)?.Name);
        _run?.SetTag("actorlab.game.agents", string.Join(",", _plan.Scenario.Agents.Select(a => a.Component.Name)));
        while (_started < Math.Min(_concurrent, _plan.Scenario.Repetitions))
        {
            StartNext();
        }
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, -1, cause =>
    {
        var root = cause is ActorInitializationException { InnerException: { } inner } ? inner : cause;
        ActorLabTelemetry.Failures.Add(1, ActorLabTelemetry.RunTags("game", _plan.Scenario.Name, "actorlab.failure", "repetition"));
        Self.Tell(new RepetitionFailed($"{root.GetType().Name}: {root.Message}"));
        return Directive.Stop;
    }, loggingEnabled: false);

    /// <inheritdoc />
    protected override void PostStop() => TraceContext.StopDetached(_run);

    private void StartNext()
    {
        _checkpoints.Start(_started);
        Context.ActorOf(GameMasterActor.Props(_plan, _started, TraceContext.From(_run)), $"repetition-{_started}");
        _started++;
    }

    private void OnCheckpoint(GameMasterActor.CheckpointReached checkpoint)
    {
        if (_completion.Task.IsCompleted)
        {
            return; // the run failed: what the other repetitions reach after that is not its result
        }

        var (progress, advanced) = _checkpoints.Record(checkpoint.Repetition, checkpoint.Round, checkpoint);
        if (checkpoint.Round == _plan.Scenario.Rounds && _started < _plan.Scenario.Repetitions)
        {
            StartNext();
        }

        if (advanced)
        {
            _progress?.Invoke(progress);
        }

        if (progress.Completed == _plan.Scenario.Repetitions)
        {
            Finish(null);
        }
    }

    private void Finish(string? failure)
    {
        if (_completion.Task.IsCompleted)
        {
            return;
        }

        if (failure is not null)
        {
            _run?.SetStatus(ActivityStatusCode.Error, failure);
            ActorLabTelemetry.Failures.Add(1, ActorLabTelemetry.RunTags("game", _plan.Scenario.Name, "actorlab.failure", "run"));
        }

        TraceContext.StopDetached(_run);
        _run = null;
        if (failure is null)
        {
            _completion.TrySetResult(GameOutcome.Of(_checkpoints, _clock.Elapsed.TotalSeconds)!);
        }
        else
        {
            _completion.TrySetException(new Simulation.RunFailedException(failure));
        }
    }
}
