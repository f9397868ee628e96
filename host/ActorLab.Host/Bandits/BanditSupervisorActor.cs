using System.Diagnostics;
using ActorLab.Host.Results;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Bandits;

/// <summary>
/// A bandit run's results: the repetitions kept (all of them, to the horizon, for a completed run), the checkpoint they
/// reach, and the wall time from the first repetition's start to the last one's end.
/// </summary>
public sealed record BanditOutcome(IReadOnlyList<BanditRepetition> Repetitions, long Steps, double Seconds)
{
    /// <summary>What <paramref name="checkpoints"/> keeps (<see cref="RepetitionCheckpoints{T}.Kept"/>); null when that is nothing.</summary>
    public static BanditOutcome? Of(RepetitionCheckpoints<EnvironmentActor.CheckpointReached> checkpoints, double seconds)
    {
        var (step, repetitions) = checkpoints.Kept();
        return repetitions.Count == 0 ? null : new BanditOutcome([.. repetitions.Select(r => BanditRepetition.Of(r.Repetition, r.Records))], step, seconds);
    }
}

/// <summary>
/// The root of a bandit run: opens the run span, starts every repetition's <see cref="EnvironmentActor"/> at once
/// (they share the trainer threads), records the repetitions' checkpoints as they arrive (what a stopped run keeps)
/// and completes the run. A policy or environment that throws fails its repetition and the run, with the exception's
/// message; the host lives on.
/// </summary>
public sealed class BanditSupervisorActor : ReceiveActor
{
    private readonly BanditPlan _plan;
    private readonly TaskCompletionSource<BanditOutcome> _completion;
    private readonly RepetitionCheckpoints<EnvironmentActor.CheckpointReached> _checkpoints;
    private readonly Action<RepetitionProgress>? _progress;
    private readonly Stopwatch _clock = new();
    private readonly string? _runId;
    private Activity? _run;

    /// <summary>
    /// Creates the supervisor; <paramref name="checkpoints"/> receives every repetition's checkpoints, <paramref name="progress"/>
    /// hears each completed repetition and each further tenth of the horizon all running repetitions have passed.
    /// </summary>
    public BanditSupervisorActor(BanditPlan plan, TaskCompletionSource<BanditOutcome> completion, RepetitionCheckpoints<EnvironmentActor.CheckpointReached> checkpoints,
        Action<RepetitionProgress>? progress, string? runId = null)
    {
        _plan = plan;
        _runId = runId;
        _completion = completion;
        _checkpoints = checkpoints;
        _progress = progress;
        Receive<EnvironmentActor.CheckpointReached>(OnCheckpoint);
        Receive<RepetitionFailed>(m => Finish(m.Reason));
    }

    /// <summary>Props of the run.</summary>
    public static Props Props(BanditPlan plan, TaskCompletionSource<BanditOutcome> completion, RepetitionCheckpoints<EnvironmentActor.CheckpointReached> checkpoints,
        Action<RepetitionProgress>? progress, string? runId = null) =>
        Akka.Actor.Props.Create(() => new BanditSupervisorActor(plan, completion, checkpoints, progress, runId));

    private sealed record RepetitionFailed(string Reason);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _clock.Start();
        _run = TraceContext.StartDetached("run", null);
        _run?.SetTag("actorlab.kind", "bandit");
        _run?.SetTag("actorlab.scenario", _plan.Scenario.Name);
        _run?.SetTag("actorlab.run.id", _runId);
        _run?.SetTag("actorlab.bandit.environment", _plan.Scenario.Environment.Name);
        _run?.SetTag("actorlab.bandit.policies", string.Join(",", _plan.Scenario.Policies.Select(p => p.Component.Name)));
        var trace = TraceContext.From(_run);
        for (var r = 0; r < _plan.Scenario.Repetitions; r++)
        {
            _checkpoints.Start(r);
            Context.ActorOf(EnvironmentActor.Props(_plan, r, trace), $"repetition-{r}");
        }
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, -1, cause =>
    {
        ActorLabTelemetry.Failures.Add(1, ActorLabTelemetry.RunTags("bandit", _plan.Scenario.Name, "actorlab.failure", "repetition"));
        Self.Tell(new RepetitionFailed($"{cause.GetType().Name}: {cause.Message}"));
        return Directive.Stop;
    }, loggingEnabled: false);

    private void OnCheckpoint(EnvironmentActor.CheckpointReached checkpoint)
    {
        if (_completion.Task.IsCompleted)
        {
            return; // the run failed: what the other repetitions reach after that is not its result
        }

        var (progress, advanced) = _checkpoints.Record(checkpoint.Repetition, checkpoint.Step, checkpoint);
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
            ActorLabTelemetry.Failures.Add(1, ActorLabTelemetry.RunTags("bandit", _plan.Scenario.Name, "actorlab.failure", "run"));
        }

        TraceContext.StopDetached(_run);
        _run = null;
        if (failure is null)
        {
            _completion.TrySetResult(BanditOutcome.Of(_checkpoints, _clock.Elapsed.TotalSeconds)!);
        }
        else
        {
            _completion.TrySetException(new Simulation.RunFailedException(failure));
        }
    }

    /// <inheritdoc />
    protected override void PostStop() => TraceContext.StopDetached(_run);
}
