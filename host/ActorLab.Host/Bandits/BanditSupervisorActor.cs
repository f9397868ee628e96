using System.Diagnostics;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Bandits;

/// <summary>A finished bandit run: the repetitions, and the wall time from the first one's start to the last one's end.</summary>
public sealed record BanditOutcome(IReadOnlyList<EnvironmentActor.RepetitionCompleted> Repetitions, double Seconds);

/// <summary>
/// The root of a bandit run: opens the run span, starts every repetition's <see cref="EnvironmentActor"/> at once
/// (they share the trainer threads), collects the repetitions as they complete and completes the run. A policy or
/// environment that throws fails its repetition and the run, with the exception's message; the host lives on.
/// </summary>
public sealed class BanditSupervisorActor : ReceiveActor
{
    private readonly BanditPlan _plan;
    private readonly TaskCompletionSource<BanditOutcome> _completion;
    private readonly Action<int>? _progress;
    private readonly List<EnvironmentActor.RepetitionCompleted> _done = [];
    private readonly Stopwatch _clock = new();
    private readonly string? _runId;
    private Activity? _run;

    /// <summary>Creates the supervisor; <paramref name="progress"/> hears the count of completed repetitions.</summary>
    public BanditSupervisorActor(BanditPlan plan, TaskCompletionSource<BanditOutcome> completion, Action<int>? progress, string? runId = null)
    {
        _plan = plan;
        _runId = runId;
        _completion = completion;
        _progress = progress;
        Receive<EnvironmentActor.RepetitionCompleted>(OnRepetition);
        Receive<RepetitionFailed>(m => Finish(m.Reason));
    }

    /// <summary>Props of the run.</summary>
    public static Props Props(BanditPlan plan, TaskCompletionSource<BanditOutcome> completion, Action<int>? progress, string? runId = null) =>
        Akka.Actor.Props.Create(() => new BanditSupervisorActor(plan, completion, progress, runId));

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

    private void OnRepetition(EnvironmentActor.RepetitionCompleted completed)
    {
        _done.Add(completed);
        _progress?.Invoke(_done.Count);
        if (_done.Count == _plan.Scenario.Repetitions)
        {
            Finish(null);
        }
    }

    private void Finish(string? failure)
    {
        if (failure is not null)
        {
            _run?.SetStatus(ActivityStatusCode.Error, failure);
            ActorLabTelemetry.Failures.Add(1, ActorLabTelemetry.RunTags("bandit", _plan.Scenario.Name, "actorlab.failure", "run"));
        }

        TraceContext.StopDetached(_run);
        _run = null;
        if (failure is null)
        {
            _completion.TrySetResult(new BanditOutcome(_done.OrderBy(r => r.Repetition).ToList(), _clock.Elapsed.TotalSeconds));
        }
        else
        {
            _completion.TrySetException(new Simulation.RunFailedException(failure));
        }
    }

    /// <inheritdoc />
    protected override void PostStop() => TraceContext.StopDetached(_run);
}
