using ActorLab.Contracts.Experiments;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;
using Akka.Actor;

namespace ActorLab.Host.Experiments;

/// <summary>
/// Runs one experiment component on the trainer dispatcher (a study is long, CPU-bound work that must not starve the
/// default dispatcher) inside a "run" span, and completes the run with its result. The experiment runs as a task piped
/// back to the actor, so the actor stays responsive; an exception from the plugin fails the run with its message.
/// </summary>
public sealed class ExperimentActor : RunRootActor<ExperimentResult>
{
    private readonly ExperimentPlan _plan;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Action<string>? _progress;

    /// <summary>Creates the actor; <paramref name="progress"/> hears the experiment's progress lines.</summary>
    public ExperimentActor(ExperimentPlan plan, TaskCompletionSource<ExperimentResult> completion, Action<string>? progress, string? runId = null)
        : base(ExperimentKind.KindName, plan.Scenario.Name, runId, completion)
    {
        _plan = plan;
        _progress = progress;
        Receive<Finished>(m =>
        {
            TagRun("actorlab.tables", m.Result.Tables.Count);
            Complete(m.Result);
        });
        Receive<Status.Failure>(m =>
        {
            var root = m.Cause is AggregateException { InnerException: { } inner } ? inner : m.Cause;
            Fail($"{root.GetType().Name}: {root.Message}");
        });
    }

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(ExperimentPlan plan, TaskCompletionSource<ExperimentResult> completion, Action<string>? progress, string? runId = null) =>
        Akka.Actor.Props.Create(() => new ExperimentActor(plan, completion, progress, runId)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>The experiment returned.</summary>
    public sealed record Finished(ExperimentResult Result);

    /// <inheritdoc />
    protected override IEnumerable<(string Key, object? Value)> RunSpanTags() => [("actorlab.experiment", _plan.Scenario.Experiment.Name)];

    /// <inheritdoc />
    protected override void StartRun()
    {
        var context = new ExperimentContext(_plan.Scenario.Seed, _progress, _cancellation.Token);
        var experiment = _plan.Experiment;
        Task.Factory.StartNew(() => new Finished(experiment.Run(context)), _cancellation.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .PipeTo(Self);
    }

    /// <inheritdoc />
    protected override string FailureMessage(string reason) => $"experiment '{_plan.Scenario.Experiment.Name}' failed: {reason}";

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cancellation.Cancel(); // the user stopped the run: the experiment sees its token
        base.PostStop();
        _cancellation.Dispose();
    }
}
