using System.Diagnostics;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Randomness;
using ActorLab.Telemetry;
using Akka.Actor;
using Akka.Actor.Internal;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Host.Federated;

/// <summary>
/// The federated server. It creates one <see cref="ClientActor"/> per simulated client, and each round
/// samples clients (seeded by round), sends them the global parameters with the round span's trace
/// context, collects their updates, aggregates them with the strategy in client-id order, evaluates the
/// new global model on the test split and reports a <see cref="RoundCompleted"/> to its parent.
/// A client that throws is dropped from the round (and restarted by supervision); so is an update with a
/// non-finite loss or parameter. If no client of a round reports, the run fails with a report.
/// </summary>
public sealed class ServerActor : ReceiveActor
{
    private readonly FederatedRunPlan _plan;
    private readonly TraceContext? _runTrace;
    private readonly IAggregationStrategy _strategy;
    private readonly ILoss _loss;
    private readonly Module<torch.Tensor, torch.Tensor> _model;
    private readonly torch.Tensor _testFeatures;
    private readonly torch.Tensor _testLabels;
    private readonly Dictionary<IActorRef, int> _clientIds = [];
    private readonly List<IActorRef> _clients = [];

    private float[] _global;
    private int _round;
    private Activity? _roundActivity;
    private readonly HashSet<int> _pending = [];
    private readonly List<ClientUpdate> _updates = [];
    private readonly List<string> _failures = [];
    private readonly Stopwatch _roundClock = new();
    private int _sampledCount;

    /// <summary>Creates the server for <paramref name="plan"/>; run spans hang under <paramref name="runTrace"/>.</summary>
    public ServerActor(FederatedRunPlan plan, TraceContext? runTrace)
    {
        _plan = plan;
        _runTrace = runTrace;
        _global = plan.InitialParameters;
        var scenario = plan.Scenario;
        _strategy = plan.Catalog.Create<IAggregationStrategy>(scenario.Strategy.Name, scenario.Strategy.Options);
        _loss = plan.Catalog.Create<ILoss>(scenario.Loss.Name, scenario.Loss.Options);
        _model = plan.Catalog.Create<IModelFactory>(scenario.Model.Name, scenario.Model.Options).Create(plan.Shape);
        (_testFeatures, _testLabels) = ClientData.TestRows(plan.Dataset);

        Receive<Start>(_ => StartRound());
        Receive<ClientActor.FitResult>(OnFitResult);
        Receive<ClientFailed>(OnClientFailed);
    }

    /// <summary>Props for the server of <paramref name="plan"/>.</summary>
    public static Props Props(FederatedRunPlan plan, TraceContext? runTrace) =>
        Akka.Actor.Props.Create(() => new ServerActor(plan, runTrace));

    /// <summary>Begin round 1.</summary>
    public sealed record Start;

    /// <summary>Sent to the parent after each round.</summary>
    public sealed record RoundCompleted(RoundMetrics Metrics);

    /// <summary>Sent to the parent after the last round, with the final global parameters.</summary>
    public sealed record RunCompleted(float[] GlobalParameters);

    /// <summary>Sent to the parent when the run cannot go on.</summary>
    public sealed record RunFailed(string Reason);

    /// <summary>Sent to the parent when a component threw; the full exception is for the run's error log.</summary>
    public sealed record ComponentError(string Source, string Detail);

    /// <summary>A client actor threw while handling a round's work (reported by supervision).</summary>
    internal sealed record ClientFailed(IActorRef Client, string Reason, string Detail);

    /// <inheritdoc />
    protected override void PreStart()
    {
        for (var id = 0; id < _plan.Scenario.Clients.Total; id++)
        {
            var client = Context.ActorOf(ClientActor.Props(id, _plan), $"client-{id}");
            _clients.Add(client);
            _clientIds[client] = id;
        }
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new ClientFailureStrategy(Self);

    private void StartRound()
    {
        _round++;
        _roundClock.Restart();
        _updates.Clear();
        _failures.Clear();
        _roundActivity = TraceContext.StartDetached("round", _runTrace);
        _roundActivity?.SetTag("actorlab.round", _round);

        var sampled = Sample(_plan.Scenario.Clients.Total, _plan.Scenario.Clients.PerRound,
            RandomStreams.Create(_plan.Scenario.Seed, "server.sample", 0, _round));
        _roundActivity?.SetTag("actorlab.clients.sampled", sampled.Length);
        _sampledCount = sampled.Length;
        var trace = TraceContext.From(_roundActivity);
        var extras = (_strategy as IClientAwareStrategy)?.ServerExtras(_round);
        foreach (var id in sampled)
        {
            _pending.Add(id);
            _clients[id].Tell(new ClientActor.Fit(_round, _global, extras, trace));
        }
    }

    private void OnFitResult(ClientActor.FitResult result)
    {
        var id = result.Update.ClientId;
        if (result.Round != _round || !_pending.Remove(id))
        {
            return; // a late reply from an earlier round
        }

        if (!double.IsFinite(result.Update.TrainLoss) || !AllFinite(result.Update.Parameters))
        {
            _failures.Add($"client {id}: non-finite update (train loss {result.Update.TrainLoss})");
        }
        else
        {
            _updates.Add(result.Update);
            ActorLabTelemetry.ClientUpdates.Add(1);
        }

        CompleteRoundIfDone();
    }

    private void OnClientFailed(ClientFailed failed)
    {
        if (!_clientIds.TryGetValue(failed.Client, out var id))
        {
            return;
        }

        Context.Parent.Tell(new ComponentError($"client {id}, round {_round}", failed.Detail));
        if (_pending.Remove(id))
        {
            _failures.Add($"client {id}: {failed.Reason}");
            CompleteRoundIfDone();
        }
    }

    private void CompleteRoundIfDone()
    {
        if (_pending.Count > 0)
        {
            return;
        }

        var fitSeconds = _roundClock.Elapsed.TotalSeconds;
        var sampled = _updates.Count + _failures.Count;
        foreach (var failure in _failures)
        {
            _roundActivity?.AddEvent(new ActivityEvent("client.dropped", tags: new ActivityTagsCollection { ["reason"] = failure }));
        }

        if (_updates.Count == 0)
        {
            Fail($"round {_round}: no sampled client reported an update ({string.Join("; ", _failures)})");
            return;
        }

        var ordered = _updates.OrderBy(u => u.ClientId).ToList();
        var roundTrace = TraceContext.ToParent(TraceContext.From(_roundActivity));
        using (var aggregate = ActorLabTelemetry.Source.StartActivity("aggregate", ActivityKind.Internal, roundTrace))
        {
            aggregate?.SetTag("actorlab.strategy", _plan.Scenario.Strategy.Name);
            aggregate?.SetTag("actorlab.updates", ordered.Count);
            var context = new AggregationContext(_round, _plan.Scenario.Seed) { TotalClients = _clients.Count, SampledClients = _sampledCount };
            var next = _strategy.Aggregate(context, _global, ordered);
            if (!AllFinite(next))
            {
                Fail($"round {_round}: strategy '{_plan.Scenario.Strategy.Name}' produced non-finite parameters");
                return;
            }

            _global = next;
        }

        double testLoss, accuracy;
        using (var evaluate = ActorLabTelemetry.Source.StartActivity("evaluate", ActivityKind.Internal, roundTrace))
        {
            ModelParameters.Load(_model, _global);
            (testLoss, accuracy) = ModelEvaluator.Evaluate(_model, _loss, _testFeatures, _testLabels);
            evaluate?.SetTag("actorlab.test.accuracy", accuracy);
        }

        long samples = ordered.Sum(u => u.SampleCount) * _plan.Scenario.Training.LocalEpochs;
        var trainLoss = ordered.Sum(u => u.TrainLoss * u.SampleCount) / ordered.Sum(u => (double)u.SampleCount);
        var metrics = new RoundMetrics(_round, sampled, ordered.Count, samples, trainLoss, testLoss, accuracy, fitSeconds, _roundClock.Elapsed.TotalSeconds);
        RecordMetrics(metrics);
        TraceContext.StopDetached(_roundActivity);
        _roundActivity = null;
        Context.Parent.Tell(new RoundCompleted(metrics));

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
        var kind = new KeyValuePair<string, object?>("actorlab.kind", "federated");
        ActorLabTelemetry.RoundsCompleted.Add(1, kind);
        ActorLabTelemetry.TrainLoss.Record(metrics.TrainLoss, kind);
        ActorLabTelemetry.TestAccuracy.Record(metrics.TestAccuracy, kind);
        ActorLabTelemetry.RoundDuration.Record(metrics.RoundSeconds, kind);
    }

    private void Fail(string reason)
    {
        _roundActivity?.SetStatus(ActivityStatusCode.Error, reason);
        TraceContext.StopDetached(_roundActivity);
        _roundActivity = null;
        Context.Parent.Tell(new RunFailed(reason));
    }

    /// <summary>Draws <paramref name="count"/> distinct ids of <paramref name="total"/>, sorted (partial Fisher-Yates).</summary>
    internal static int[] Sample(int total, int count, Random random)
    {
        var ids = Enumerable.Range(0, total).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, total);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }

        var chosen = ids[..count];
        Array.Sort(chosen);
        return chosen;
    }

    private static bool AllFinite(float[] values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        TraceContext.StopDetached(_roundActivity);
        _model.Dispose();
        _testFeatures.Dispose();
        _testLabels.Dispose();
        base.PostStop();
    }

    /// <summary>
    /// Restarts a client that threw (its tensors and components are rebuilt on next use) and tells the
    /// server, which drops that client from the round instead of waiting for it.
    /// </summary>
    /// Akka's own failure logging is off: the exception goes to the run's errors.log instead of the console.
    private sealed class ClientFailureStrategy(IActorRef server)
        : OneForOneStrategy(-1, -1, Akka.Actor.Decider.From(Directive.Restart), loggingEnabled: false)
    {
        public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
        {
            server.Tell(new ClientFailed(child, $"{cause.GetType().Name}: {cause.Message}", cause.ToString()));
            base.ProcessFailure(context, restart, child, cause, stats, children);
        }
    }
}
