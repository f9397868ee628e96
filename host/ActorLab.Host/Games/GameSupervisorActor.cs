using System.Diagnostics;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Games;

/// <summary>A finished game run: the repetitions, and the wall time of the actor part.</summary>
public sealed record GameOutcome(IReadOnlyList<GameMasterActor.RepetitionCompleted> Repetitions, double Seconds);

/// <summary>
/// The root of a game run: opens the run span and runs the repetitions' <see cref="GameMasterActor"/>s. Online
/// learning repetitions all start at once (their agents share the trainer threads); repeated games run
/// workers / players at a time, since each of their agents holds a thread while the players wait for each other.
/// A failing agent fails its repetition and the run with its message; the host lives on.
/// </summary>
public sealed class GameSupervisorActor : ReceiveActor
{
    private readonly GamePlan _plan;
    private readonly TaskCompletionSource<GameOutcome> _completion;
    private readonly Action<int>? _progress;
    private readonly string? _runId;
    private readonly int _concurrent;
    private readonly List<GameMasterActor.RepetitionCompleted> _done = [];
    private readonly Stopwatch _clock = new();
    private Activity? _run;
    private int _started;

    /// <summary>
    /// Creates the supervisor; <paramref name="progress"/> hears the count of completed repetitions, <paramref name="runId"/>
    /// goes on the run span.
    /// </summary>
    public GameSupervisorActor(GamePlan plan, int workers, TaskCompletionSource<GameOutcome> completion, Action<int>? progress, string? runId = null)
    {
        _plan = plan;
        _runId = runId;
        _completion = completion;
        _progress = progress;
        _concurrent = plan.IsGame ? Math.Max(1, workers / plan.Scenario.Agents.Count) : plan.Scenario.Repetitions;
        Receive<GameMasterActor.RepetitionCompleted>(OnRepetition);
        Receive<RepetitionFailed>(m => Finish(m.Reason));
    }

    /// <summary>Props of the run.</summary>
    public static Props Props(GamePlan plan, int workers, TaskCompletionSource<GameOutcome> completion, Action<int>? progress, string? runId = null) =>
        Akka.Actor.Props.Create(() => new GameSupervisorActor(plan, workers, completion, progress, runId));

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
        Context.ActorOf(GameMasterActor.Props(_plan, _started, TraceContext.From(_run)), $"repetition-{_started}");
        _started++;
    }

    private void OnRepetition(GameMasterActor.RepetitionCompleted completed)
    {
        _done.Add(completed);
        _progress?.Invoke(_done.Count);
        if (_done.Count == _plan.Scenario.Repetitions)
        {
            Finish(null);
        }
        else if (_started < _plan.Scenario.Repetitions)
        {
            StartNext();
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
            _completion.TrySetResult(new GameOutcome(_done.OrderBy(r => r.Repetition).ToList(), _clock.Elapsed.TotalSeconds));
        }
        else
        {
            _completion.TrySetException(new Simulation.RunFailedException(failure));
        }
    }
}
