using System.Diagnostics;
using ActorLab.Host.Federated;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Simulation;

/// <summary>
/// The root of one run: opens the <c>run</c> span, starts the coordinator (the federated server), passes
/// results to the observer as they arrive and closes the span at the end. A coordinator that crashes
/// (a strategy throwing, say) is stopped and the run reported as failed; the host process lives on.
/// </summary>
public sealed class RunSupervisorActor : ReceiveActor
{
    private readonly FederatedRunPlan _plan;
    private readonly IRunObserver _observer;
    private readonly SimulationOptions? _options;
    private Activity? _run;
    private bool _finished;

    /// <summary>Creates the supervisor of a run of <paramref name="plan"/>; <paramref name="options"/> give the run id and client tracing.</summary>
    public RunSupervisorActor(FederatedRunPlan plan, IRunObserver observer, SimulationOptions? options = null)
    {
        _plan = plan;
        _observer = observer;
        _options = options;
        Receive<ServerActor.RoundCompleted>(m => _observer.OnRoundCompleted(m.Metrics));
        Receive<ServerActor.ComponentError>(m => _observer.OnComponentError(m.Source, m.Detail));
        Receive<ServerActor.RunCompleted>(_ => Finish(null));
        Receive<ServerActor.RunFailed>(m => Finish(m.Reason));
        Receive<CoordinatorCrashed>(m => Finish(m.Reason));
    }

    /// <summary>Props for a run of <paramref name="plan"/>.</summary>
    public static Props Props(FederatedRunPlan plan, IRunObserver observer, SimulationOptions? options = null) =>
        Akka.Actor.Props.Create(() => new RunSupervisorActor(plan, observer, options));

    private sealed record CoordinatorCrashed(string Reason);

    /// <inheritdoc />
    protected override void PreStart()
    {
        var scenario = _plan.Scenario;
        _run = TraceContext.StartDetached("run", null);
        _run?.SetTag("actorlab.kind", scenario.Kind);
        _run?.SetTag("actorlab.scenario", scenario.Name);
        _run?.SetTag("actorlab.seed", scenario.Seed);
        _run?.SetTag("actorlab.rounds", scenario.Rounds);
        _run?.SetTag("actorlab.run.id", _options?.RunId);
        _run?.SetTag("actorlab.model", scenario.Model.Name);
        _run?.SetTag("actorlab.loss", scenario.Loss.Name);
        _run?.SetTag("actorlab.strategy", scenario.Strategy.Name);
        _run?.SetTag("actorlab.dataset", scenario.Dataset.Name);
        var server = Context.ActorOf(ServerActor.Props(_plan, TraceContext.From(_run), _options?.TracedClientsPerRound ?? ClientTraceSampling.DefaultPerRound,
            _options?.ClientRegion, _options?.Cluster?.RoundTimeout.TotalSeconds), "server");
        server.Tell(new ServerActor.Start());
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, -1, cause =>
    {
        // Not logged by Akka: the full exception goes to errors.log, the console gets one line.
        _observer.OnComponentError("server", cause.ToString());
        Self.Tell(new CoordinatorCrashed($"{cause.GetType().Name}: {cause.Message}"));
        return Directive.Stop;
    }, loggingEnabled: false);

    private void Finish(string? failure)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (failure is not null)
        {
            _run?.SetStatus(ActivityStatusCode.Error, failure);
        }

        TraceContext.StopDetached(_run);
        _run = null;
        if (failure is null)
        {
            _observer.OnRunCompleted();
        }
        else
        {
            _observer.OnRunFailed(failure);
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        TraceContext.StopDetached(_run);
        base.PostStop();
    }
}
