using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Federated;
using ActorLab.Host.Federated.Faults;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using TorchSharp;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>The server and client actors, driven directly with Akka.TestKit.</summary>
public sealed class ServerActorTests : TestKit, IDisposable
{
    private readonly string _dir = Repo.TempDirectory("server");

    public ServerActorTests() : base(SimulationDispatchers.Hocon(2))
    {
    }

    void IDisposable.Dispose()
    {
        _release.Set(); // let a hung test loss finish, so the actor system can stop
        Directory.Delete(_dir, recursive: true);
        Shutdown();
    }

    /// <summary>Test losses: one that always throws, one whose first instance throws, one that gives NaN.</summary>
    private readonly ManualResetEventSlim _release = new();

    private sealed class FaultyLoss(string mode, ManualResetEventSlim? release = null) : ILoss
    {
        public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets) => mode switch
        {
            "throw" => throw new InvalidOperationException("loss exploded"),
            "hang" => release!.Wait(TimeSpan.FromSeconds(30)) ? torch.nn.functional.cross_entropy(logits, targets) : throw new TimeoutException(),
            "nan" => torch.nn.functional.cross_entropy(logits, targets) * float.NaN,
            _ => torch.nn.functional.cross_entropy(logits, targets),
        };
    }

    /// <summary>FedAvg that picks its own clients: the two highest ids not stopped, or an answer the host must refuse.</summary>
    private sealed class PickingStrategy(Func<ClientSelectionContext, IReadOnlyList<int>> pick) : IAggregationStrategy, IClientSelection
    {
        public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
            ParameterMath.WeightedMean(updates, global.Length);

        public IReadOnlyList<int> SelectClients(ClientSelectionContext context) => pick(context);
    }

    private FederatedRunPlan Plan(string loss, int rounds = 2, int total = 6, int perRound = 6, string clientsExtra = "", string strategy = "fedavg")
    {
        var catalog = PluginCatalogLoader.Load(Repo.Manifest);
        var created = 0;
        ComponentRegistration Loss(string name, Func<ILoss> factory) => new(typeof(ILoss), name, "test-faults", null, _ => factory());
        catalog.Add(new LoadedPlugin("test-faults", "1.0", "memory", [
            Loss("throws-always", () => new FaultyLoss("throw")),
            // The server creates its loss first (instance 1); the first client to build its loss gets instance 2.
            Loss("throws-once", () => new FaultyLoss(Interlocked.Increment(ref created) == 2 ? "throw" : "ok")),
            Loss("nan-loss", () => new FaultyLoss("nan")),
            Loss("hangs-once", () => new FaultyLoss(Interlocked.Increment(ref created) == 2 ? "hang" : "ok", _release)),
            new(typeof(IAggregationStrategy), "picks-last-two", "test-faults", null, _ => new PickingStrategy(c => c.AvailableClients.TakeLast(2).ToList())),
            new(typeof(IAggregationStrategy), "picks-twice", "test-faults", null, _ => new PickingStrategy(c => [c.AvailableClients[0], c.AvailableClients[0]])),
        ]));
        return FederatedPlans.Build(Path.Combine(_dir, $"{loss}.json"), $$"""
            { "kind": "federated", "seed": 5, "dataset": "digits", "model": "logistic-regression", "loss": "{{loss}}", "strategy": "{{strategy}}",
              "rounds": {{rounds}}, "clients": { "total": {{total}}, "perRound": {{perRound}}{{clientsExtra}} } }
            """, catalog);
    }

    [Fact]
    public void Client_replies_with_its_shard_size_and_new_parameters()
    {
        var plan = Plan("cross-entropy");
        var client = Sys.ActorOf(ClientActor.Props(3, plan));
        client.Tell(new ClientActor.Fit(1, plan.InitialParameters, null, ActorLab.Host.Federated.Faults.ClientFault.None, null));
        Assert.Equal(new ClientActor.FitStarted(1, 3), ExpectMsg<ClientActor.FitStarted>(TimeSpan.FromSeconds(30))); // for the call timeout
        var result = ExpectMsg<ClientActor.FitResult>(TimeSpan.FromSeconds(30));
        Assert.Equal(1, result.Round);
        Assert.Equal(3, result.Update.ClientId);
        Assert.Equal(((IndexedClientRows)plan.Clients).Shards[3].Length, result.Update.SampleCount);
        Assert.Equal(plan.InitialParameters.Length, result.Update.Parameters.Length);
        Assert.NotEqual(plan.InitialParameters, result.Update.Parameters);
        Assert.True(double.IsFinite(result.Update.TrainLoss));
    }

    [Fact]
    public void Server_reports_every_round_then_completion()
    {
        var server = ChildActorOf(ServerActor.Props(Plan("cross-entropy", rounds: 3, total: 6, perRound: 4), null));
        server.Tell(new ServerActor.Start());
        for (var round = 1; round <= 3; round++)
        {
            var completed = ExpectMsg<ServerActor.RoundCompleted>(TimeSpan.FromSeconds(30));
            Assert.Equal(round, completed.Metrics.Round);
            Assert.Equal(4, completed.Metrics.ClientsSampled);
            Assert.Equal(4, completed.Metrics.ClientsReporting);
        }

        ExpectMsg<ServerActor.RunCompleted>(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_client_that_throws_is_dropped_from_the_round_and_restarted()
    {
        var server = ChildActorOf(ServerActor.Props(Plan("throws-once", rounds: 2), null));
        server.Tell(new ServerActor.Start());
        var error = ExpectMsg<ServerActor.ComponentError>(TimeSpan.FromSeconds(30));
        Assert.Contains("round 1", error.Source);
        Assert.Contains("loss exploded", error.Detail);
        Assert.Contains("FaultyLoss.Compute", error.Detail); // the full exception, for errors.log
        var first = ExpectMsg<ServerActor.RoundCompleted>(TimeSpan.FromSeconds(30)).Metrics;
        Assert.Equal(6, first.ClientsSampled);
        Assert.Equal(5, first.ClientsReporting);
        var second = ExpectMsg<ServerActor.RoundCompleted>(TimeSpan.FromSeconds(30)).Metrics;
        Assert.Equal(6, second.ClientsReporting); // the restarted client trains again
        ExpectMsg<ServerActor.RunCompleted>(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_round_where_every_client_fails_ends_the_run_with_a_report()
    {
        IgnoreMessages<ServerActor.ComponentError>();
        var server = ChildActorOf(ServerActor.Props(Plan("throws-always"), null));
        server.Tell(new ServerActor.Start());
        var failed = ExpectMsg<ServerActor.RunFailed>(TimeSpan.FromSeconds(30));
        Assert.Contains("round 1: no sampled client reported an update", failed.Reason);
        Assert.Contains("InvalidOperationException: loss exploded", failed.Reason);
    }

    [Fact]
    public void A_client_that_hangs_is_dropped_when_the_round_times_out()
    {
        var server = ChildActorOf(ServerActor.Props(Plan("hangs-once", rounds: 1, clientsExtra: ", \"timeoutSeconds\": 1"), null));
        server.Tell(new ServerActor.Start());
        var metrics = ExpectMsg<ServerActor.RoundCompleted>(TimeSpan.FromSeconds(20)).Metrics;
        var timedOut = Assert.Single(metrics.Clients, c => c.Status == "dropped");
        Assert.Contains("timed out after 1 s", timedOut.Reason);
        Assert.Equal(5, metrics.ClientsReporting);
        ExpectMsg<ServerActor.RunCompleted>(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Non_finite_updates_are_dropped_and_the_round_keeps_the_old_model()
    {
        var plan = Plan("nan-loss");
        var server = ChildActorOf(ServerActor.Props(plan, null));
        server.Tell(new ServerActor.Start());
        var metrics = ExpectMsg<ServerActor.RoundCompleted>(TimeSpan.FromSeconds(30)).Metrics;
        Assert.False(metrics.Aggregated);
        Assert.Equal(0, metrics.ClientsReporting);
        Assert.Equal(6, metrics.Clients.Count);
        Assert.All(metrics.Clients, c =>
        {
            Assert.Equal("dropped", c.Status);
            Assert.Contains("non-finite update", c.Reason);
        });
    }

    /// <summary>
    /// NaN and Inf updates are excluded, not averaged: with FedAvg (no client state, every client trains from the
    /// global model alone) a run with corrupted updates must end with exactly the global model of a run in which those
    /// clients simply did not answer. That second run is replayed by hand: the same clients' fits, FedAvg over the rest.
    /// </summary>
    [Fact]
    public void Corrupted_updates_leave_the_global_model_of_a_run_where_those_clients_dropped()
    {
        var path = Path.Combine(_dir, "corrupted.json");
        File.WriteAllText(path, """
            { "kind": "federated", "seed": 3, "dataset": "digits", "model": "logistic-regression", "strategy": "fedavg",
              "rounds": 2, "clients": { "total": 8, "perRound": 8 }, "training": { "batchSize": 16, "learningRate": 0.2 },
              "faults": { "nanUpdates": 0.25, "infUpdates": 0.25 } }
            """);
        var catalog = PluginCatalogLoader.Load(Repo.Manifest);
        var scenario = FederatedScenarioBinder.Load(path);
        var plan = FederatedRunPlan.Build(scenario, catalog);

        var server = ChildActorOf(ServerActor.Props(plan, null));
        server.Tell(new ServerActor.Start());
        var rounds = new[]
        {
            ExpectMsg<ServerActor.RoundCompleted>(TimeSpan.FromSeconds(30)).Metrics,
            ExpectMsg<ServerActor.RoundCompleted>(TimeSpan.FromSeconds(30)).Metrics,
        };
        var final = ExpectMsg<ServerActor.RunCompleted>(TimeSpan.FromSeconds(30)).GlobalParameters;
        Assert.All(final, v => Assert.True(float.IsFinite(v)));
        Assert.All(rounds, r => Assert.InRange(r.NonFiniteUpdates, 1, 7)); // both rounds exclude some and keep some
        Assert.All(rounds, r => Assert.Equal(8 - r.NonFiniteUpdates, r.ClientsReporting));

        // The same rounds, with the excluded clients absent instead of corrupted.
        var fedavg = catalog.Create<IAggregationStrategy>("fedavg", scenario.Strategy.Options);
        var clients = Enumerable.Range(0, 8).ToDictionary(id => id, id => Sys.ActorOf(ClientActor.Props(id, plan)));
        var global = plan.InitialParameters;
        foreach (var round in rounds)
        {
            var updates = new List<ClientUpdate>();
            foreach (var id in round.Clients.Where(c => c.Status == "aggregated").Select(c => c.ClientId).Order())
            {
                clients[id].Tell(new ClientActor.Fit(round.Round, global, null, ClientFault.None, null));
                ExpectMsg<ClientActor.FitStarted>(TimeSpan.FromSeconds(30));
                updates.Add(ExpectMsg<ClientActor.FitResult>(TimeSpan.FromSeconds(30)).Update);
            }

            global = fedavg.Aggregate(new AggregationContext(round.Round, scenario.Seed) { TotalClients = 8, SampledClients = 8 }, global, updates);
        }

        Assert.Equal(global, final);
    }

    [Fact]
    public void Only_sampled_clients_get_an_actor()
    {
        var server = ChildActorOf(ServerActor.Props(Plan("cross-entropy", rounds: 1, total: 40, perRound: 5), null));
        server.Tell(new ServerActor.Start());
        ExpectMsg<ServerActor.RoundCompleted>(TimeSpan.FromSeconds(30));
        ExpectMsg<ServerActor.RunCompleted>(TimeSpan.FromSeconds(30));
        Sys.ActorSelection(server.Path / "client-*").Tell(new Identify("clients"), TestActor);
        var identities = ReceiveWhile(TimeSpan.FromSeconds(2), m => (ActorIdentity)m);
        Assert.Equal(5, identities.Count(i => i.Subject is not null));
    }

    [Fact]
    public void A_strategy_that_selects_clients_gets_them_without_a_host_change()
    {
        var server = ChildActorOf(ServerActor.Props(Plan("cross-entropy", rounds: 2, total: 10, perRound: 4, strategy: "picks-last-two"), null));
        server.Tell(new ServerActor.Start());
        for (var round = 1; round <= 2; round++)
        {
            var metrics = ExpectMsg<ServerActor.RoundCompleted>(TimeSpan.FromSeconds(30)).Metrics;
            Assert.Equal(2, metrics.ClientsSampled);
            Assert.Equal([8, 9], metrics.Clients.Select(c => c.ClientId));
            Assert.All(metrics.Clients, c => Assert.Equal("aggregated", c.Status));
        }

        ExpectMsg<ServerActor.RunCompleted>(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_selection_the_host_cannot_use_ends_the_run_naming_the_strategy()
    {
        var server = ChildActorOf(ServerActor.Props(Plan("cross-entropy", rounds: 2, strategy: "picks-twice"), null));
        server.Tell(new ServerActor.Start());
        var failed = ExpectMsg<ServerActor.RunFailed>(TimeSpan.FromSeconds(30));
        Assert.Equal("round 1: strategy 'picks-twice' (IClientSelection.SelectClients) selected client 0 twice", failed.Reason);
    }
}
