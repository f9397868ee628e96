using System.Globalization;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>Runs with injected faults: the round goes on, and clients.csv says who was dropped and why.</summary>
public sealed class FaultRunTests() : TempDirectoryTest("faults")
{
    private static string Scenario(string strategy, string faults, string clients = "\"total\": 10, \"perRound\": 10") => $$"""
        {
          "kind": "federated", "seed": 4, "dataset": "digits", "model": "logistic-regression", "strategy": {{strategy}},
          "rounds": 3, "clients": { {{clients}} }, "training": { "localEpochs": 2, "batchSize": 16, "learningRate": 0.2 },
          "faults": {{faults}}
        }
        """;

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(','), (name, value) => (name, value)).ToDictionary(p => p.name, p => p.value)).ToList();
    }

    [Fact]
    public async Task Fedavg_drops_stragglers_and_fedprox_aggregates_their_partial_work()
    {
        var fedavg = await SmallRuns.RunAsync(Dir, Scenario("\"fedavg\"", "{ \"stragglers\": 0.5 }"), workers: 2);
        var clients = Csv(Path.Combine(fedavg.RunDirectory, "clients.csv"));
        Assert.Equal(30, clients.Count);
        var stragglers = clients.Where(c => double.Parse(c["completed_work"], CultureInfo.InvariantCulture) < 1).ToList();
        Assert.Equal(15, stragglers.Count);
        Assert.All(stragglers, c => Assert.Equal("dropped", c["status"]));
        Assert.All(stragglers, c => Assert.Contains("straggler", c["reason"]));
        Assert.All(Csv(Path.Combine(fedavg.RunDirectory, "metrics.csv")), r => Assert.Equal("5", r["clients_reporting"]));

        var fedprox = await SmallRuns.RunAsync(Dir, Scenario("{ \"name\": \"fedprox\", \"options\": { \"mu\": 0.01 } }", "{ \"stragglers\": 0.5 }"), workers: 2);
        var proxClients = Csv(Path.Combine(fedprox.RunDirectory, "clients.csv"));
        Assert.All(proxClients, c => Assert.Equal("aggregated", c["status"]));
        Assert.Equal(15, proxClients.Count(c => double.Parse(c["completed_work"], CultureInfo.InvariantCulture) < 1));
    }

    [Fact]
    public async Task A_deadline_makes_slow_clients_late_and_fedavg_drops_their_updates()
    {
        var faults = "{ \"deadline\": { \"seconds\": 1, \"samplesPerSecond\": 250, \"speedSigma\": 1 } }";
        var summary = await SmallRuns.RunAsync(Dir, Scenario("\"fedavg\"", faults), workers: 2);
        var clients = Csv(Path.Combine(summary.RunDirectory, "clients.csv"));
        var late = clients.Where(c => double.Parse(c["completed_work"], CultureInfo.InvariantCulture) < 1).ToList();
        Assert.NotEmpty(late);
        Assert.True(late.Count < clients.Count, "some clients make the deadline");
        Assert.All(late, c => Assert.Contains("straggler", c["reason"]));
        // The same clients are late every round: speed is a property of the client, and the load does not change.
        Assert.Equal(late.Count(c => c["round"] == "1") * 3, late.Count);
    }

    [Fact]
    public async Task Dropouts_are_not_sent_the_model_and_crashes_are_restarted()
    {
        var summary = await SmallRuns.RunAsync(Dir, Scenario("\"fedavg\"", "{ \"dropout\": 0.3, \"crash\": 0.3 }"), workers: 2);
        Assert.Equal("completed", summary.Status);
        var clients = Csv(Path.Combine(summary.RunDirectory, "clients.csv"));
        var dropped = clients.Where(c => c["reason"] == "dropout").ToList();
        var crashed = clients.Where(c => c["status"] == "failed").ToList();
        Assert.NotEmpty(dropped);
        Assert.NotEmpty(crashed);
        Assert.All(crashed, c => Assert.Contains("InjectedCrashException", c["reason"]));
        Assert.All(dropped.Concat(crashed), c => Assert.Equal("0", c["samples"]));
        Assert.False(File.Exists(Path.Combine(summary.RunDirectory, "errors.log")), "injected crashes are not errors");

        var metrics = Csv(Path.Combine(summary.RunDirectory, "metrics.csv"));
        foreach (var row in metrics)
        {
            var round = row["round"];
            var answered = clients.Count(c => c["round"] == round && c["status"] != "failed" && c["reason"] != "dropout");
            var crashedThisRound = clients.Count(c => c["round"] == round && c["status"] == "failed");
            var parameters = 64 * 10 + 10;
            Assert.Equal(4L * parameters * (answered + crashedThisRound), long.Parse(row["bytes_sent"], CultureInfo.InvariantCulture));
            Assert.Equal(4L * parameters * answered, long.Parse(row["bytes_received"], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Accept_failures_off_keeps_the_old_model_when_anyone_drops()
    {
        var summary = await SmallRuns.RunAsync(Dir, Scenario("\"fedavg\"", "{ \"dropout\": 0.3 }",
            "\"total\": 10, \"perRound\": 10, \"acceptFailures\": false"), workers: 2);
        var metrics = Csv(Path.Combine(summary.RunDirectory, "metrics.csv"));
        Assert.All(metrics, r => Assert.Equal("0", r["aggregated"]));
        Assert.All(metrics, r => Assert.Equal(metrics[0]["test_accuracy"], r["test_accuracy"])); // the initial model throughout
        Assert.Contains(Csv(Path.Combine(summary.RunDirectory, "clients.csv")), c => c["reason"].Contains("acceptFailures is false"));
    }

    [Fact]
    public async Task Fewer_updates_than_min_fit_skip_aggregation()
    {
        var summary = await SmallRuns.RunAsync(Dir, Scenario("\"fedavg\"", "{ \"stragglers\": 0.5 }",
            "\"total\": 10, \"perRound\": 10, \"minFit\": 6"), workers: 2);
        Assert.All(Csv(Path.Combine(summary.RunDirectory, "metrics.csv")), r => Assert.Equal("0", r["aggregated"]));
    }

    [Fact]
    public async Task Per_client_accuracy_distribution_is_reported()
    {
        var summary = await SmallRuns.RunAsync(Dir, Scenario("\"fedavg\"", "{}"), workers: 2);
        var row = Csv(Path.Combine(summary.RunDirectory, "metrics.csv"))[^1];
        var mean = double.Parse(row["client_acc_mean"], CultureInfo.InvariantCulture);
        var p10 = double.Parse(row["client_acc_p10"], CultureInfo.InvariantCulture);
        var min = double.Parse(row["client_acc_min"], CultureInfo.InvariantCulture);
        Assert.True(min <= p10 && p10 <= mean && mean <= 1 && min > 0.3, $"min {min} p10 {p10} mean {mean}");
    }
}
