using System.Diagnostics;
using ActorLab.Contracts.Federated;
using ActorLab.Host.Federated.Faults;
using ActorLab.Host.Federated.Privacy;
using ActorLab.Host.Resume;
using ActorLab.Host.Secrets;
using ActorLab.Telemetry;
using Akka.Actor;
using Akka.Actor.Internal;

namespace ActorLab.Host.Federated;

/// <summary>
/// The federated server. It creates one <see cref="ClientActor"/> per simulated client the first time that client
/// is sampled (a federation of 100,000 clients costs only the actors of those that ever trained), and each round
/// samples clients (<see cref="ClientSampling"/>: seeded by round, or picked by the strategy), applies the fault plan
/// (dropouts are not sent the model; crashes and stragglers are told what to simulate), sends the global parameters
/// with the round span's trace context, collects the updates (<see cref="RoundTally"/>), aggregates them
/// (<see cref="RoundAggregation"/>), evaluates the new global model on the test split (<see cref="RoundEvaluation"/>)
/// and reports a <see cref="RoundCompleted"/> to its parent. The actor itself keeps messaging, timers, the run's state
/// and the checkpoint and next-round sequence.
/// Dropped from aggregation: clients that threw (supervision restarts them), non-finite updates, and
/// stragglers' partial updates unless the strategy uses partial work.
/// A round in which every sampled client threw a real (not injected) exception ends the run with a report.
/// Plugin hangs and repeated throws are handled as <see cref="ClientWatch"/> describes; a strategy whose
/// aggregate does not return within clients.callTimeoutSeconds ends the run with a report.
/// </summary>
public sealed class ServerActor : ReceiveActor, IWithTimers
{
    private readonly FederatedRunPlan _plan;
    private readonly TraceContext? _runTrace;
    private readonly IAggregationStrategy _strategy;
    private readonly RoundEvaluation _evaluation;
    private readonly RoundAggregation _aggregation;
    private readonly ClientSampling _sampling;
    private readonly RoundTally _tally = new();
    private readonly Dictionary<IActorRef, int> _clientIds = [];
    private readonly Dictionary<int, IActorRef> _clients = [];
    private readonly Stopwatch _roundClock = new();
    private readonly ClientLevelPrivacy? _privacy;
    private readonly WorkerModels _workerModels;
    private readonly IActorRef? _clientRegion;
    private readonly double? _timeoutSeconds;
    private readonly string _timeoutSource;
    private readonly ServerCheckpoints? _checkpoints;
    private double? _roundClipNorm;

    private float[] _global;
    private int _round;
    private Activity? _roundActivity;
    private readonly int _tracedClientsPerRound;
    private readonly HashSet<int> _pending = [];
    private readonly ClientWatch _watch;

    /// <summary>
    /// Creates the server for <paramref name="plan"/>; run spans hang under <paramref name="runTrace"/>. With
    /// <paramref name="resumed"/> it goes on after the journal's last round, with that round's state.
    /// </summary>
    /// <param name="plan">The run.</param>
    /// <param name="runTrace">The run span's context.</param>
    /// <param name="tracedClientsPerRound">At most this many client.fit spans per round.</param>
    /// <param name="resumed">The journal's last round, when resuming; null for a fresh run.</param>
    /// <param name="clientRegion">In a distributed run, the Cluster.Sharding region (or proxy) of the run's clients;
    /// null: the clients are this actor's children.</param>
    /// <param name="defaultTimeoutSeconds">The round deadline when the scenario sets none (distributed runs always have one:
    /// a lost node's clients never answer).</param>
    public ServerActor(FederatedRunPlan plan, TraceContext? runTrace, int tracedClientsPerRound = ClientTraceSampling.DefaultPerRound, RecoveredRun? resumed = null,
        IActorRef? clientRegion = null, double? defaultTimeoutSeconds = null)
    {
        _plan = plan;
        _clientRegion = clientRegion;
        (_timeoutSeconds, _timeoutSource) = plan.Scenario.Clients.TimeoutSeconds is { } scenarioTimeout
            ? (scenarioTimeout, "clients.timeoutSeconds")
            : (defaultTimeoutSeconds, "the distributed run's round deadline, --cluster-round-timeout");
        _runTrace = runTrace;
        _tracedClientsPerRound = tracedClientsPerRound;
        _global = plan.InitialParameters;
        var scenario = plan.Scenario;
        _strategy = plan.Catalog.Create<IAggregationStrategy>(scenario.Strategy.Name, scenario.Strategy.Options);
        _evaluation = new RoundEvaluation(plan);
        _workerModels = new WorkerModels(plan);
        _privacy = scenario.Privacy is { } privacy
            ? new ClientLevelPrivacy(privacy, scenario.Seed, scenario.Clients.Total, scenario.Clients.PerRound)
            : null;
        _aggregation = new RoundAggregation(_strategy, scenario.Strategy.Name, scenario.Clients, _privacy, scenario.Seed, _evaluation.ParameterShapes);
        _sampling = new ClientSampling(_strategy, scenario.Strategy.Name, scenario.Clients, scenario.Seed, id => plan.ShardSize(id), resumed?.Rounds);
        _checkpoints = plan.Checkpoints ? new ServerCheckpoints(resumed) : null;
        if (resumed is { Round: > 0 })
        {
            (_round, _global) = ServerCheckpoints.Restore(resumed, _strategy, _privacy);
        }

        _watch = new ClientWatch(scenario.Clients, TrainerThreads());
        Receive<Start>(_ => StartRound());
        Receive<ClientActor.FitStarted>(OnFitStarted);
        Receive<ClientActor.FitResult>(OnFitResult);
        Receive<ClientFailed>(OnClientFailed);
        Receive<RoundTimedOut>(OnRoundTimedOut);
        Receive<FitTimedOut>(OnFitTimedOut);
    }

    /// <summary>A client's fit has run for clients.callTimeoutSeconds.</summary>
    private sealed record FitTimedOut(int ClientId, int Round);

    /// <summary>The round's wall-clock limit passed (clients.timeoutSeconds).</summary>
    private sealed record RoundTimedOut(int Round);

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the server of <paramref name="plan"/>.</summary>
    public static Props Props(FederatedRunPlan plan, TraceContext? runTrace, int tracedClientsPerRound = ClientTraceSampling.DefaultPerRound, RecoveredRun? resumed = null,
        IActorRef? clientRegion = null, double? defaultTimeoutSeconds = null) =>
        Akka.Actor.Props.Create(() => new ServerActor(plan, runTrace, tracedClientsPerRound, resumed, clientRegion, defaultTimeoutSeconds));

    /// <summary>Begin round 1.</summary>
    public sealed record Start;

    /// <summary>Sent to the parent after each round.</summary>
    public sealed record RoundCompleted(RoundMetrics Metrics)
    {
        /// <summary>The round's journal event, when the plan keeps checkpoints (<see cref="FederatedRunPlan.Checkpoints"/>).</summary>
        public RoundCheckpoint? Checkpoint { get; init; }
    }

    /// <summary>Sent to the parent after the last round, with the final global parameters.</summary>
    public sealed record RunCompleted(float[] GlobalParameters);

    /// <summary>Sent to the parent when the run cannot go on.</summary>
    public sealed record RunFailed(string Reason);

    /// <summary>Sent to the parent when a component threw; the full exception is for the run's error log.</summary>
    public sealed record ComponentError(string Source, string Detail);

    /// <summary>A client actor threw while handling a round's work (reported by supervision).</summary>
    public sealed record ClientFailed(IActorRef Client, string Reason, string Detail, bool Injected)
    {
        /// <summary>The client's id when the failed actor is a sharded entity on another node (not the server's child).</summary>
        public int? ClientId { get; init; }
    }

    private bool UsesPartialWork => _strategy is IPartialWorkPolicy { UsesPartialUpdates: true };

    private IActorRef Client(int id)
    {
        if (!_clients.TryGetValue(id, out var client))
        {
            // A replaced client's old actor keeps its name until its hung thread returns, if ever.
            var generation = _watch.Generation(id);
            client = Context.ActorOf(ClientActor.Props(id, _plan, _workerModels, _checkpoints?.InitialClientState(id)),
                generation == 0 ? $"client-{id}" : $"client-{id}-{generation}");
            _clients[id] = client;
            _clientIds[client] = id;
        }

        return client;
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new ClientFailureStrategy(Self);

    private void StartRound()
    {
        _round++;
        _roundClock.Restart();
        _watch.StartRound();
        if (_watch.AllStopped(_plan.Scenario.Clients.Total))
        {
            Fail($"round {_round}: every client has been stopped after repeated failures ({_watch.StoppedSummary()})");
            return;
        }

        _roundActivity = TraceContext.StartDetached("round", _runTrace);
        _roundActivity?.SetTag("actorlab.round", _round);

        if (!_sampling.TrySelect(_round, id => _watch.StoppedReason(id) is not null, out var sampled, out var selectionFailure))
        {
            Fail(selectionFailure!);
            return;
        }

        _tally.Start(_round, sampled);
        _roundActivity?.SetTag("actorlab.clients.sampled", sampled.Length);
        var faults = _plan.Faults.ForRound(_round, sampled);
        var trace = TraceContext.From(_roundActivity);
        // Clients not chosen get no trace context, and so no client.fit span.
        IReadOnlySet<int> traced = trace is null ? new HashSet<int>() : ClientTraceSampling.Choose(sampled, _tracedClientsPerRound, _plan.Scenario.Seed, _round);
        _roundActivity?.SetTag("actorlab.clients.traced", traced.Count);
        var extras = (_strategy as IClientAwareStrategy)?.ServerExtras(_round);
        var fits = new List<(int Id, ClientActor.Fit Fit)>(sampled.Length);
        foreach (var id in sampled)
        {
            var fault = faults.GetValueOrDefault(id, ClientFault.None);
            if (fault.Kind == ClientFaultKind.Dropout)
            {
                _tally.Dropped(id, "dropped", "dropout");
                continue;
            }

            if (_watch.StoppedReason(id) is { } stopped)
            {
                _tally.Dropped(id, "stopped", stopped);
                continue;
            }

            _pending.Add(id);
            _tally.Sent(4L * (_global.Length + (extras?.Length ?? 0)));
            if (!_watch.Sending(id, _round, fault))
            {
                continue; // the fit message is lost (faults.messageDrops): the client waits for nothing, the server until the timeout
            }

            fits.Add((id, new ClientActor.Fit(_round, _global, extras, fault, traced.Contains(id) ? trace : null)));
        }

        // Largest shards first (longest-processing-time order), so that the trainer threads finish the round together
        // instead of one waiting for another's last big client. Only the order of work changes: each client's result
        // depends on (seed, round, client), and the aggregation reads the updates in client order.
        foreach (var (id, fit) in fits.OrderByDescending(f => _plan.ShardSize(f.Id)).ThenBy(f => f.Id))
        {
            if (_clientRegion is { } region)
            {
                region.Tell(new Cluster.ClientEnvelope(id, fit));
            }
            else
            {
                Client(id).Tell(fit);
            }
        }

        ActorLabTelemetry.MessagesSent.Add(_pending.Count, Tags("actorlab.message", "fit"));

        if (_timeoutSeconds is { } timeout)
        {
            Timers.StartSingleTimer("round-timeout", new RoundTimedOut(_round), TimeSpan.FromSeconds(timeout));
        }

        CompleteRoundIfDone();
    }

    private void OnFitStarted(ClientActor.FitStarted started)
    {
        if (!IsCurrent(started.ClientId))
        {
            return;
        }

        FitEnded(started.ClientId); // a fit whose reply was lost ends when the actor starts its next one
        if (_watch.Started(started.ClientId, started.Round) is { } limit)
        {
            Timers.StartSingleTimer(FitTimer(started.ClientId, started.Round), new FitTimedOut(started.ClientId, started.Round), limit);
        }
    }

    private static string FitTimer(int client, int round) => $"fit-{client}-{round}";

    /// <summary>True when the message comes from the client's current actor (not one replaced after a hang).</summary>
    private bool IsCurrent(int client) => _clients.TryGetValue(client, out var actor) && actor.Equals(Sender);

    private void FitEnded(int client)
    {
        if (_watch.Ended(client) is { } round)
        {
            Timers.Cancel(FitTimer(client, round));
        }
    }

    /// <summary>
    /// A fit ran past clients.callTimeoutSeconds: the client is dropped from its round as timed out and its actor
    /// replaced by a fresh one for later rounds; the hung thread cannot be taken back and is reported.
    /// </summary>
    private void OnFitTimedOut(FitTimedOut timedOut)
    {
        var id = timedOut.ClientId;
        if (!_watch.Abandon(id, timedOut.Round) || !_clients.Remove(id, out var hung))
        {
            return;
        }

        _clientIds.Remove(hung);
        Context.Stop(hung); // takes effect only if its call ever returns
        ActorLabTelemetry.Failures.Add(1, Tags("actorlab.failure", "client-timeout"));
        var limit = _plan.Scenario.Clients.CallTimeoutSeconds;
        Context.Parent.Tell(new ComponentError($"client {id}, round {timedOut.Round}",
            $"fit did not return within {limit} s (clients.callTimeoutSeconds); the client's actor was replaced and its trainer thread is lost ({_watch.LostThreads} lost so far)"));
        if (_watch.NoTrainerThreadLeft)
        {
            Fail($"round {_round}: every trainer thread ({_watch.LostThreads}) is stuck in a plugin call that did not return within {limit} s (clients.callTimeoutSeconds); last: client {id} in round {timedOut.Round}");
            return;
        }

        // Pending in this round: its fit is the hung one, or waits behind it in the old actor's mailbox.
        if (_pending.Remove(id))
        {
            var reason = timedOut.Round == _round
                ? $"timed out: fit did not return within {limit} s (clients.callTimeoutSeconds); actor replaced"
                : $"timed out: its actor was stuck in round {timedOut.Round}'s fit for {limit} s (clients.callTimeoutSeconds); actor replaced";
            _tally.Dropped(id, "dropped", reason);
            CompleteRoundIfDone();
        }
    }

    private void OnFitResult(ClientActor.FitResult result)
    {
        var update = result.Update;
        var id = update.ClientId;
        if (IsCurrent(id))
        {
            FitEnded(id);
        }

        _checkpoints?.ClientReported(id, result.AlgorithmState);
        if (result.Round != _round || !_pending.Remove(id))
        {
            _watch.LateReply(); // a reply after its round's deadline, from an earlier round
            return;
        }

        _watch.Succeeded(id);

        string? dropReason = null;
        if (!double.IsFinite(update.TrainLoss) || !InjectedFaults.AllFinite(update.Parameters) || !InjectedFaults.AllFinite(update.Extras))
        {
            dropReason = $"non-finite update (train loss {update.TrainLoss})";
            _watch.NonFinite();
            ActorLabTelemetry.Failures.Add(1, Tags("actorlab.failure", "non-finite-update"));
        }
        else if (update.CompletedWork < 1 && !UsesPartialWork)
        {
            dropReason = $"straggler: completed {update.CompletedWork:P0} of its work; strategy '{_plan.Scenario.Strategy.Name}' drops partial updates";
        }

        if (dropReason is null)
        {
            ActorLabTelemetry.ClientUpdates.Add(1, Tags());
        }

        _tally.Received(update, result.SamplesProcessed, dropReason);
        CompleteRoundIfDone();
    }

    private void OnClientFailed(ClientFailed failed)
    {
        if (failed.ClientId is not { } id && !_clientIds.TryGetValue(failed.Client, out id))
        {
            return;
        }

        ActorLabTelemetry.Failures.Add(1, Tags("actorlab.failure", "client"));
        FitEnded(id);
        _checkpoints?.ClientRestarted(id);
        if (!failed.Injected)
        {
            Context.Parent.Tell(new ComponentError($"client {id}, round {_round}", failed.Detail));
        }

        var stopped = failed.Injected ? null : _watch.Failed(id, _round, failed.Reason);
        if (stopped is not null)
        {
            // Supervision's last word: the client is not asked to train again.
            _clients.Remove(id);
            _clientIds.Remove(failed.Client);
            if (_clientRegion is null)
            {
                Context.Stop(failed.Client); // a sharded entity on another node is simply never sent work again
            }
            ActorLabTelemetry.Failures.Add(1, Tags("actorlab.failure", "client-stopped"));
            Context.Parent.Tell(new ComponentError($"client {id}", $"stopped after {stopped.Failures} consecutive failures (clients.maxConsecutiveFailures); last: {stopped.LastError}"));
        }

        if (_pending.Remove(id))
        {
            var reason = stopped is null ? failed.Reason : $"{failed.Reason}; stopped after {stopped.Failures} consecutive failures (clients.maxConsecutiveFailures)";
            _tally.Failed(id, reason, failed.Injected);
            CompleteRoundIfDone();
        }
    }

    /// <summary>
    /// Drops the clients still training when the round's time is up. A hung client's actor stays busy; its late
    /// reply, if any, is ignored (it names an old round), and it is asked again only when sampled again.
    /// </summary>
    private void OnRoundTimedOut(RoundTimedOut timedOut)
    {
        if (timedOut.Round != _round || _pending.Count == 0)
        {
            return;
        }

        foreach (var id in _pending.Order().ToList())
        {
            var lost = _watch.LostMessage(id) is { } message ? $"; its {message} message was lost (faults.messageDrops)" : "";
            _tally.Dropped(id, "dropped", $"timed out after {_timeoutSeconds} s ({_timeoutSource}){lost}");
        }

        _pending.Clear();
        CompleteRoundIfDone();
    }

    private void CompleteRoundIfDone()
    {
        if (_pending.Count > 0)
        {
            return;
        }

        var fitSeconds = _roundClock.Elapsed.TotalSeconds;
        foreach (var outcome in _tally.NotAggregated())
        {
            _roundActivity?.AddEvent(new ActivityEvent("client.dropped", tags: new ActivityTagsCollection
            {
                ["actorlab.client.id"] = outcome.ClientId,
                ["reason"] = outcome.Reason,
            }));
        }

        if (_tally.EveryClientFailed() is { } noUpdate)
        {
            Fail(noUpdate);
            return;
        }

        var roundTrace = TraceContext.ToParent(TraceContext.From(_roundActivity));
        var result = _aggregation.Aggregate(_round, _global, _tally.OrderedUpdates(), _tally.Sampled.Count, _tally.Failures, roundTrace);
        switch (result)
        {
            case RoundAggregationResult.Failed failed:
                if (failed.TimedOut)
                {
                    ActorLabTelemetry.Failures.Add(1, Tags("actorlab.failure", "aggregate-timeout"));
                }

                Fail(failed.Reason);
                return;
            case RoundAggregationResult.Skipped skipped:
                _roundActivity?.AddEvent(new ActivityEvent("aggregation.skipped", tags: new ActivityTagsCollection { ["reason"] = skipped.Reason }));
                _tally.NotAggregatedRound(skipped.Reason);
                break;
            case RoundAggregationResult.Aggregated aggregated:
                _roundClipNorm = aggregated.ClipNorm;
                _global = aggregated.Global;
                break;
        }

        var test = _evaluation.Evaluate(_global, roundTrace);
        // A skipped round reports the norm of the last aggregated one (the norm changes only when noise is added).
        var metrics = _tally.Metrics(result is RoundAggregationResult.Aggregated, test, fitSeconds, _roundClock.Elapsed.TotalSeconds,
            _privacy?.Epsilon(_round), _privacy is null ? null : _roundClipNorm ?? _privacy.ClipNorm, _watch.Round);
        RecordMetrics(metrics);
        _sampling.Record(metrics);
        TraceContext.StopDetached(_roundActivity);
        _roundActivity = null;
        Context.Parent.Tell(new RoundCompleted(metrics) { Checkpoint = _checkpoints?.Checkpoint(_round, _global, _strategy, _privacy?.ClipNorm, metrics) });

        if (_round < _plan.Scenario.Rounds)
        {
            StartRound();
        }
        else
        {
            Context.Parent.Tell(new RunCompleted(_global));
        }
    }

    private void RecordMetrics(RoundMetrics metrics)
    {
        _roundActivity?.SetTag("actorlab.clients.reporting", metrics.ClientsReporting);
        _roundActivity?.SetTag("actorlab.train.loss", metrics.TrainLoss);
        _roundActivity?.SetTag("actorlab.test.accuracy", metrics.TestAccuracy);
        var tags = Tags();
        ActorLabTelemetry.RoundsCompleted.Add(1, tags);
        if (double.IsFinite(metrics.TrainLoss))
        {
            ActorLabTelemetry.TrainLoss.Record(metrics.TrainLoss, tags);
        }

        ActorLabTelemetry.TestAccuracy.Record(metrics.TestAccuracy, tags);
        ActorLabTelemetry.RoundDuration.Record(metrics.RoundSeconds, tags);
    }

    private void Fail(string reason)
    {
        _roundActivity?.SetStatus(ActivityStatusCode.Error, reason);
        TraceContext.StopDetached(_roundActivity);
        _roundActivity = null;
        Context.Parent.Tell(new RunFailed(reason)); // the run's root counts the failed run
        Become(() => ReceiveAny(_ => { })); // the run is over: late replies and timers change nothing now
    }

    /// <summary>The trainer dispatcher's threads (0 when unknown: then the run is not failed for lost threads).</summary>
    private static int TrainerThreads() =>
        Context.System.Settings.Config.GetInt($"{Simulation.SimulationDispatchers.Trainer}.dedicated-thread-pool.thread-count", 0);

    private TagList Tags() => ActorLabTelemetry.RunTags("federated", _plan.Scenario.Name);

    private TagList Tags(string key, object? value) => ActorLabTelemetry.RunTags("federated", _plan.Scenario.Name, key, value);

    /// <inheritdoc />
    protected override void PostStop()
    {
        TraceContext.StopDetached(_roundActivity);
        _evaluation.Dispose();
        _workerModels.Dispose(); // the clients have stopped: Akka stops children before their parent's PostStop
        base.PostStop();
    }

    /// <summary>
    /// Restarts a client that threw (its tensors and components are rebuilt on next use) and tells the
    /// server, which drops that client from the round instead of waiting for it.
    /// Akka's own failure logging is off: the exception goes to the run's errors.log instead of the console.
    /// </summary>
    private sealed class ClientFailureStrategy(IActorRef server)
        : OneForOneStrategy(-1, -1, Akka.Actor.Decider.From(Directive.Restart), loggingEnabled: false)
    {
        public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
        {
            // Reasons go to clients.csv and the database, details to errors.log: no secret a plugin's message quotes.
            server.Tell(new ClientFailed(child, SecretRedaction.RedactText($"{cause.GetType().Name}: {cause.Message}"), SecretRedaction.RedactText(cause.ToString()),
                cause is InjectedCrashException));
            base.ProcessFailure(context, restart, child, cause, stats, children);
        }
    }
}
