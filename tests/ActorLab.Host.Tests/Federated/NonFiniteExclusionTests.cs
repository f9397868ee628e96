using ActorLab.Contracts.Federated;
using ActorLab.Host.Federated;
using ActorLab.Host.Federated.Faults;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>
/// NaN and Inf updates are excluded, not averaged: with FedAvg (no client state, every client trains from the
/// global model alone) a run with corrupted updates must end with exactly the global model of a run in which those
/// clients simply did not answer. The second run is replayed by hand: the same clients' fits, FedAvg over the rest.
/// </summary>
public sealed class NonFiniteExclusionTests : TestKit, IDisposable
{
    private readonly string _dir = Repo.TempDirectory("nonfinite");

    public NonFiniteExclusionTests() : base(SimulationDispatchers.Hocon(2))
    {
    }

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Shutdown();
    }

    [Fact]
    public void Corrupted_updates_leave_the_global_model_of_a_run_where_those_clients_dropped()
    {
        var path = Path.Combine(_dir, "s.json");
        File.WriteAllText(path, """
            { "kind": "federated", "seed": 3, "dataset": "digits", "model": "logistic-regression", "strategy": "fedavg",
              "rounds": 2, "clients": { "total": 8, "perRound": 8 }, "training": { "batchSize": 16, "learningRate": 0.2 },
              "faults": { "nanUpdates": 0.25, "infUpdates": 0.25 } }
            """);
        var catalog = PluginCatalogLoader.Load(Repo.Manifest);
        var scenario = ScenarioLoader.Load(path);
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
}
