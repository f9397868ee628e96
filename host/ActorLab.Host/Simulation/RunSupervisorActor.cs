using ActorLab.Host.Federated;
using ActorLab.Host.Resume;
using ActorLab.Host.Simulation.Kinds;
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
public sealed class RunSupervisorActor : RunRootActor
{
    private readonly FederatedRunPlan _plan;
    private readonly IRunObserver _observer;
    private readonly SimulationOptions? _options;
    private IActorRef? _journal;

    /// <summary>Creates the supervisor of a run of <paramref name="plan"/>; <paramref name="options"/> give the run id and client tracing.</summary>
    public RunSupervisorActor(FederatedRunPlan plan, IRunObserver observer, SimulationOptions? options = null)
        : base(FederatedKind.KindName, plan.Scenario.Name, options?.RunId)
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

    /// <inheritdoc />
    protected override IEnumerable<(string Key, object? Value)> RunSpanTags()
    {
        var scenario = _plan.Scenario;
        return
        [
            ("actorlab.seed", scenario.Seed),
            ("actorlab.rounds", scenario.Rounds),
            ("actorlab.model", scenario.Model.Name),
            ("actorlab.loss", scenario.Loss.Name),
            ("actorlab.strategy", scenario.Strategy.Name),
            ("actorlab.dataset", scenario.Dataset.Name),
        ];
    }

    /// <inheritdoc />
    protected override void StartRun()
    {
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
        var server = Context.ActorOf(ServerActor.Props(_plan, RunTrace, _options?.TracedClientsPerRound ?? ClientTraceSampling.DefaultPerRound, resumed,
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

        TagRun("actorlab.resumed.after.round", run.Round);
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

    /// <summary>The server crashed (a strategy throwing, say): the full exception goes to errors.log, the console gets one line.</summary>
    protected override void OnChildFailed(Exception cause, string reason)
    {
        _observer.OnComponentError("server", cause.ToString());
        End(reason);
    }

    /// <inheritdoc />
    protected override void OnFinished(string? failure)
    {
        if (failure is null)
        {
            _observer.OnRunCompleted();
        }
        else
        {
            _observer.OnRunFailed(failure);
        }
    }
}
