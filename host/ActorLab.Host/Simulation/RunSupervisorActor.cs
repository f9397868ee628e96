using System.Diagnostics;
using ActorLab.Host.Federated;
using ActorLab.Host.Resume;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Simulation;

/// <summary>
/// The root of one run: opens the <c>run</c> span, starts the coordinator (the federated server), passes
/// results to the observer as they arrive and closes the span at the end. A coordinator that crashes
/// (a strategy throwing, say) is stopped and the run reported as failed; the host process lives on.
/// With a journal (<see cref="SimulationOptions.Journal"/>, a <see cref="RunJournalActor"/> child) each round reaches
/// the observer only once it is persisted, and the run ends once all are; a resumed run first replays the journal,
/// passes the recovered rounds to the observer and starts the server after them.
/// </summary>
public sealed class RunSupervisorActor : ReceiveActor
{
    private readonly FederatedRunPlan _plan;
    private readonly IRunObserver _observer;
    private readonly SimulationOptions? _options;
    private Activity? _run;
    private bool _finished;
    private IActorRef? _journal;

    /// <summary>Creates the supervisor of a run of <paramref name="plan"/>; <paramref name="options"/> give the run id and client tracing.</summary>
    public RunSupervisorActor(FederatedRunPlan plan, IRunObserver observer, SimulationOptions? options = null)
    {
        _plan = plan;
        _observer = observer;
        _options = options;
        Receive<ServerActor.RoundCompleted>(m =>
        {
            if (_journal is not null && m.Checkpoint is not null)
            {
                _journal.Tell(m.Checkpoint);
            }
            else
            {
                _observer.OnRoundCompleted(m.Metrics);
            }
        });
        Receive<ServerActor.ComponentError>(m => _observer.OnComponentError(m.Source, m.Detail));
        Receive<ServerActor.RunCompleted>(_ => End(null));
        Receive<ServerActor.RunFailed>(m => End(m.Reason));
        Receive<CoordinatorCrashed>(m => End(m.Reason));
        Receive<RunJournalActor.Recovered>(OnRecovered);
        Receive<RunJournalActor.Persisted>(m =>
        {
            TestFaultPoints.Reached(TestFaultPoints.Persisted, m.Checkpoint.Round);
            _observer.OnRoundCompleted(m.Checkpoint.Metrics);
            TestFaultPoints.Reached(TestFaultPoints.Written, m.Checkpoint.Round);
        });
        Receive<RunJournalActor.Flushed>(m => Finish(m.Failure));
        Receive<RunJournalActor.JournalFailed>(m =>
        {
            _observer.OnComponentError("journal", m.Detail);
            Finish(m.Reason);
        });
        Receive<Terminated>(m =>
        {
            if (m.ActorRef.Equals(_journal))
            {
                Finish("journal: stopped unexpectedly (see errors.log)");
            }
        });
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
        if (_options?.Journal is not null && _options.RunId is { } runId)
        {
            _journal = Context.Watch(Context.ActorOf(RunJournalActor.Props(JournalSettings.PersistenceId(runId)), "journal"));
            if (_options.Journal.Resume)
            {
                return; // the server starts once the journal is replayed (OnRecovered)
            }
        }

        StartServer(null);
    }

    private void StartServer(RecoveredRun? resumed)
    {
        var server = Context.ActorOf(ServerActor.Props(_plan, TraceContext.From(_run), _options?.TracedClientsPerRound ?? ClientTraceSampling.DefaultPerRound, resumed,
            _options?.ClientRegion, _options?.Cluster?.RoundTimeout.TotalSeconds), "server");
        server.Tell(new ServerActor.Start());
    }

    /// <summary>
    /// The journal's replay: the observer replaces the run's files and rows from here on, and the rounds already persisted
    /// go to it again (so each round is written once), then the server goes on after them, or the run ends if none is left.
    /// </summary>
    private void OnRecovered(RunJournalActor.Recovered recovered)
    {
        var run = recovered.Run;
        if (_options?.Journal?.Resume != true)
        {
            // A new run: the server started at once (the journal's start-up overlaps round 1; it stashes the rounds
            // sent meanwhile); its journal must be empty.
            if (run.Round > 0)
            {
                Finish($"journal: {JournalSettings.PersistenceId(_options?.RunId ?? "")} already holds {run.Round} round(s) of another run; use a fresh journal database");
            }

            return;
        }

        _observer.OnJournalReplayed(run.Round);
        foreach (var metrics in run.Rounds)
        {
            _observer.OnRoundCompleted(metrics);
        }

        _run?.SetTag("actorlab.resumed.after.round", run.Round);
        if (run.Round >= _plan.Scenario.Rounds)
        {
            Finish(null);
            return;
        }

        StartServer(run.Round > 0 ? run : null);
    }

    /// <summary>The server is done: with a journal, finish once every round sent to it is persisted.</summary>
    private void End(string? failure)
    {
        if (_journal is null)
        {
            Finish(failure);
            return;
        }

        _journal.Tell(new RunJournalActor.Flush(failure));
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
