using ActorLab.Contracts.Experiments;
using ActorLab.Host.Simulation;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Experiments;

/// <summary>
/// Runs one experiment component on the trainer dispatcher (a study is long, CPU-bound work that must not starve the
/// default dispatcher) inside a "run" span, and completes the run with its result. The experiment runs as a task piped
/// back to the actor, so the actor stays responsive; an exception from the plugin fails the run with its message.
/// </summary>
public sealed class ExperimentActor : ReceiveActor
{
    private readonly ExperimentPlan _plan;
    private readonly TaskCompletionSource<ExperimentResult> _completion;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Action<string>? _progress;
    private readonly string? _runId;
    private System.Diagnostics.Activity? _run;

    /// <summary>Creates the actor; <paramref name="progress"/> hears the experiment's progress lines.</summary>
    public ExperimentActor(ExperimentPlan plan, TaskCompletionSource<ExperimentResult> completion, Action<string>? progress, string? runId = null)
    {
        _runId = runId;
        _plan = plan;
        _completion = completion;
        _progress = progress;
        Receive<Finished>(m =>
        {
            _run?.SetTag("actorlab.tables", m.Result.Tables.Count);
            TraceContext.StopDetached(_run);
            _run = null;
            _completion.TrySetResult(m.Result);
        });
        Receive<Status.Failure>(m =>
        {
            var root = m.Cause is AggregateException { InnerException: { } inner } ? inner : m.Cause;
            var reason = $"{root.GetType().Name}: {root.Message}";
            _run?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, reason);
            ActorLabTelemetry.Failures.Add(1, ActorLabTelemetry.RunTags("experiment", plan.Scenario.Name, "actorlab.failure", "run"));
            TraceContext.StopDetached(_run);
            _run = null;
            _completion.TrySetException(new RunFailedException($"experiment '{plan.Scenario.Experiment.Name}' failed: {reason}"));
        });
    }

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(ExperimentPlan plan, TaskCompletionSource<ExperimentResult> completion, Action<string>? progress, string? runId = null) =>
        Akka.Actor.Props.Create(() => new ExperimentActor(plan, completion, progress, runId)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>The experiment returned.</summary>
    public sealed record Finished(ExperimentResult Result);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _run = TraceContext.StartDetached("run", null);
        _run?.SetTag("actorlab.kind", "experiment");
        _run?.SetTag("actorlab.scenario", _plan.Scenario.Name);
        _run?.SetTag("actorlab.experiment", _plan.Scenario.Experiment.Name);
        _run?.SetTag("actorlab.run.id", _runId);
        var context = new ExperimentContext(_plan.Scenario.Seed, _progress, _cancellation.Token);
        var experiment = _plan.Experiment;
        Task.Factory.StartNew(() => new Finished(experiment.Run(context)), _cancellation.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .PipeTo(Self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cancellation.Cancel(); // the user stopped the run: the experiment sees its token
        TraceContext.StopDetached(_run);
        _cancellation.Dispose();
    }
}
