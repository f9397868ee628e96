using ActorLab.Host.Federated;
using System.Diagnostics;
using System.Globalization;
using ActorLab.Host.Results;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>
/// Injected faults (NaN/Inf updates, slow clients, lost and delayed messages) and misbehaving plugins (diverging,
/// hanging, throwing) in whole runs: the run goes on or ends with a report, and the results count what happened.
/// </summary>
public sealed class FaultInjectionTests() : TempDirectoryTest("inject")
{
    /// <summary>
    /// Test strategies (FedAvg on the server) whose client-side part misbehaves for one client: "nan-for-2" adds a
    /// NaN regulariser (client 2's training diverges), "hang-for-3" never returns in round 1 for client 3,
    /// "throw-for-1" always throws for client 1; "hang-aggregate" never returns from Aggregate in round 2.
    /// </summary>
    private const string FaultyStrategies = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using ActorLab.Contracts.Federated;
        using ActorLab.Contracts.Plugins;
        using TorchSharp;
        using TorchSharp.Modules;
        public sealed class Entry : IActorLabPlugin
        {
            public void Register(IComponentRegistry registry, PluginContext context) => registry
                .AddStrategy("nan-for-2", _ => new Faulty("nan", 2))
                .AddStrategy("hang-for-3", _ => new Faulty("hang", 3))
                .AddStrategy("throw-for-1", _ => new Faulty("throw", 1))
                .AddStrategy("hang-aggregate", _ => new Faulty("hang-aggregate", -1));
        }
        public sealed class Faulty(string mode, int client) : IAggregationStrategy, IClientAwareStrategy
        {
            public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
            {
                if (mode == "hang-aggregate" && context.Round == 2)
                {
                    Thread.Sleep(Timeout.Infinite);
                }
                return ParameterMath.WeightedMean(updates, global.Length);
            }
            public IClientAlgorithm CreateClientAlgorithm() => new Algorithm(mode, client);
            public float[]? ServerExtras(int round) => null;
        }
        public sealed class Algorithm(string mode, int client) : IClientAlgorithm
        {
            private int _id;
            public void BeginFit(ClientFitContext context)
            {
                _id = context.ClientId;
                if (context.ClientId != client) return;
                if (mode == "hang" && context.Round == 1) Thread.Sleep(Timeout.Infinite);
                if (mode == "throw") throw new InvalidOperationException($"plugin bug for client {client}");
            }
            public torch.Tensor? Regularizer(IReadOnlyList<Parameter> parameters, torch.Tensor logits) =>
                mode == "nan" && _id == client ? logits.sum() * float.NaN : null;
            public void AdjustGradients(IReadOnlyList<Parameter> parameters) { }
            public float[]? EndFit(ClientFitOutcome outcome) => null;
        }
        """;

    private static string Scenario(string faults, string clients = "", int rounds = 3, string strategy = "fedavg", int total = 10) => $$"""
        {
          "kind": "federated", "seed": 7, "dataset": "digits", "model": "logistic-regression", "strategy": "{{strategy}}",
          "rounds": {{rounds}}, "clients": { "total": {{total}}, "perRound": {{total}}{{clients}} },
          "training": { "localEpochs": 1, "batchSize": 16, "learningRate": 0.2 },
          "faults": {{faults}}
        }
        """;

    private string FaultyManifest()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "faulty"), "Faulty", FaultyStrategies);
        return PluginCompiler.WriteManifest(Dir, PluginCompiler.CorePluginEntry, """{ "path": "faulty/Faulty.dll" }""");
    }

    private async Task<RunSummary> RunAsync(string json, string? manifest = null, int workers = 2)
    {
        var scenario = Path.Combine(Dir, $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(scenario, json);
        // The faulty manifest lists the repository's Core plugin by absolute path.
        var request = new RunRequest(scenario, manifest ?? Repo.Manifest, Path.Combine(Dir, "runs"), workers) { AllowExternalPlugins = manifest is not null };
        var (_, plan) = RunLauncher.Prepare(request);
        return await RunLauncher.RunAsync(request, plan);
    }

    private static List<Dictionary<string, string>> Csv(RunSummary summary, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(summary.RunDirectory, file));
        var header = lines[0].Split(',');
        // Reasons may hold commas (quoted); they are the last column, so split only as far as the header goes.
        return lines.Skip(1).Select(l => header.Zip(l.Split(',', header.Length), (name, value) => (name, value)).ToDictionary(p => p.name, p => p.value)).ToList();
    }

    private static int Int(Dictionary<string, string> row, string column) => int.Parse(row[column], CultureInfo.InvariantCulture);

    private static double Number(Dictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Nan_and_inf_updates_are_excluded_counted_and_the_model_stays_finite()
    {
        var summary = await RunAsync(Scenario("""{ "nanUpdates": 0.2, "infUpdates": 0.2 }"""));
        Assert.Equal("completed", summary.Status);
        var metrics = Csv(summary, "metrics.csv");
        var clients = Csv(summary, "clients.csv");
        foreach (var row in metrics)
        {
            var round = clients.Where(c => c["round"] == row["round"]).ToList();
            var nonFinite = round.Count(c => c["reason"].StartsWith("non-finite update", StringComparison.Ordinal));
            Assert.Equal(nonFinite, Int(row, "non_finite_updates"));
            Assert.Equal(10 - nonFinite, Int(row, "clients_reporting"));
            Assert.True(double.IsFinite(Number(row, "test_loss")), $"round {row["round"]}: test loss {row["test_loss"]}");
            Assert.Equal("1", row["aggregated"]);
        }

        var total = metrics.Sum(r => Int(r, "non_finite_updates"));
        Assert.InRange(total, 4, 26); // 30 draws at 1 - 0.8 x 0.8 = 0.36
        Assert.Equal(total, summary.Faults!.NonFiniteUpdates);
        Assert.True(summary.FinalAccuracy > 0.7, $"accuracy {summary.FinalAccuracy}");
    }

    [Fact]
    public async Task A_diverging_plugin_is_excluded_the_same_way()
    {
        var summary = await RunAsync(Scenario("{}", strategy: "nan-for-2"), FaultyManifest());
        Assert.Equal("completed", summary.Status);
        var clients = Csv(summary, "clients.csv");
        Assert.All(clients.Where(c => c["client"] == "2"), c => Assert.StartsWith("non-finite update (train loss NaN)", c["reason"]));
        Assert.All(clients.Where(c => c["client"] != "2"), c => Assert.Equal("aggregated", c["status"]));
        Assert.All(Csv(summary, "metrics.csv"), r =>
        {
            Assert.Equal(1, Int(r, "non_finite_updates"));
            Assert.True(double.IsFinite(Number(r, "test_loss")));
        });
    }

    [Fact]
    public async Task Slow_clients_past_the_deadline_are_dropped_and_their_replies_counted_as_late()
    {
        var summary = await RunAsync(Scenario("""{ "slowClients": { "probability": 0.3, "delayMs": 2500 } }""",
            ", \"timeoutSeconds\": 1", rounds: 4, total: 6));
        Assert.Equal("completed", summary.Status);
        var clients = Csv(summary, "clients.csv");
        var late = clients.Where(c => c["reason"].StartsWith("timed out after 1 s (clients.timeoutSeconds)", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(late);
        Assert.Equal(late.Count, Csv(summary, "metrics.csv").Sum(r => Int(r, "timed_out")));
        // A round-1 straggler answers after 2.5 s, in a later round, where its reply is ignored and counted.
        Assert.Contains(late, c => c["round"] == "1");
        Assert.True(Csv(summary, "timings.csv").Sum(r => Int(r, "late_replies")) >= 1, "a late reply is counted");
        Assert.True(summary.Faults!.LateReplies >= 1);
    }

    [Fact]
    public async Task Lost_and_delayed_messages_are_counted_and_rounds_complete()
    {
        var summary = await RunAsync(Scenario("""{ "messageDrops": 0.2, "messageDelays": { "probability": 0.3, "delayMs": 100 } }""",
            ", \"timeoutSeconds\": 2"));
        Assert.Equal("completed", summary.Status);
        var metrics = Csv(summary, "metrics.csv");
        Assert.Equal(3, metrics.Count);
        var clients = Csv(summary, "clients.csv");
        var lost = clients.Where(c => c["reason"].Contains("message was lost (faults.messageDrops)", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lost);
        Assert.Equal(lost.Count, metrics.Sum(r => Int(r, "messages_dropped")));
        Assert.Equal(lost.Count, metrics.Sum(r => Int(r, "timed_out")));
        // Delayed replies arrive well within the deadline and are aggregated: only lost messages are missing.
        Assert.All(metrics, r => Assert.Equal(10 - Int(r, "messages_dropped"), Int(r, "clients_reporting")));
        Assert.Equal(lost.Count, summary.Faults!.MessagesDropped);
    }

    [Fact]
    public async Task Same_seed_gives_identical_metrics_with_lost_messages_and_nan_updates()
    {
        var json = Scenario("""{ "messageDrops": 0.15, "nanUpdates": 0.2 }""", ", \"timeoutSeconds\": 2", rounds: 2);
        var first = await RunAsync(json);
        var second = await RunAsync(json);
        var metrics = File.ReadAllText(Path.Combine(first.RunDirectory, "metrics.csv"));
        Assert.Equal(metrics, File.ReadAllText(Path.Combine(second.RunDirectory, "metrics.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(first.RunDirectory, "clients.csv")), File.ReadAllText(Path.Combine(second.RunDirectory, "clients.csv")));
        var rows = Csv(first, "metrics.csv");
        Assert.True(rows.Sum(r => Int(r, "messages_dropped")) > 0 && rows.Sum(r => Int(r, "non_finite_updates")) > 0, metrics);
    }

    [Fact]
    public async Task A_plugin_that_hangs_is_cut_off_by_the_call_timeout_and_the_run_completes()
    {
        var summary = await RunAsync(Scenario("{}", ", \"callTimeoutSeconds\": 1", strategy: "hang-for-3", total: 6), FaultyManifest());
        Assert.Equal("completed", summary.Status);
        var clients = Csv(summary, "clients.csv");
        var hung = Assert.Single(clients, c => c["status"] != "aggregated");
        Assert.Equal(("1", "3", "dropped"), (hung["round"], hung["client"], hung["status"]));
        Assert.StartsWith("timed out: fit did not return within 1 s (clients.callTimeoutSeconds); actor replaced", hung["reason"]);
        Assert.Equal(6 * 3 - 1, clients.Count(c => c["status"] == "aggregated")); // the replacement trains in rounds 2 and 3
        Assert.Equal(new[] { 1, 0, 0 }, Csv(summary, "timings.csv").Select(r => Int(r, "abandoned_calls")));
        Assert.Equal(1, summary.Faults!.AbandonedCalls);
        Assert.Contains("trainer thread is lost (1 lost so far)", File.ReadAllText(Path.Combine(summary.RunDirectory, "errors.log")));
    }

    [Fact]
    public async Task When_every_trainer_thread_is_stuck_the_run_fails_with_a_report()
    {
        var summary = await RunAsync(Scenario("{}", ", \"callTimeoutSeconds\": 1", strategy: "hang-for-3", total: 4), FaultyManifest(), workers: 1);
        Assert.Equal("failed", summary.Status);
        Assert.Equal("round 1: every trainer thread (1) is stuck in a plugin call that did not return within 1 s (clients.callTimeoutSeconds); last: client 3 in round 1", summary.Failure);
    }

    [Fact]
    public void The_host_process_exits_normally_after_a_plugin_call_hung()
    {
        var manifest = FaultyManifest();
        var scenario = Path.Combine(Dir, "hang.json");
        File.WriteAllText(scenario, Scenario("{}", ", \"callTimeoutSeconds\": 1", rounds: 2, strategy: "hang-for-3", total: 4));
        var clock = Stopwatch.StartNew();
        var result = Support.Cli.Run(Dir, null, "run", scenario, "--plugins", manifest, "--allow-external-plugins", "--output", Path.Combine(Dir, "runs"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("completed", result.Stdout);
        // The actor system waits for the hung actor for Akka's actor-system-terminate phase (10 s), then gives up.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"exit after {clock.Elapsed.TotalSeconds:F1} s; stderr: {result.Stderr}");
        var clients = File.ReadAllText(Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(Dir, "runs"))), "clients.csv"));
        Assert.Contains("1,3,dropped,0,0,,,timed out: fit did not return within 1 s", clients);
    }

    [Fact]
    public async Task A_strategy_whose_aggregate_hangs_ends_the_run_with_a_report()
    {
        var summary = await RunAsync(Scenario("{}", ", \"callTimeoutSeconds\": 1", strategy: "hang-aggregate", total: 4), FaultyManifest());
        Assert.Equal("failed", summary.Status);
        Assert.Equal("round 2: strategy 'hang-aggregate' did not return from Aggregate within 1 s (clients.callTimeoutSeconds); its thread is abandoned", summary.Failure);
        Assert.Equal(1, summary.RoundsCompleted);
    }

    [Fact]
    public async Task A_client_that_always_throws_is_stopped_after_max_consecutive_failures_with_a_report()
    {
        var summary = await RunAsync(Scenario("{}", ", \"maxConsecutiveFailures\": 2", rounds: 4, strategy: "throw-for-1", total: 4), FaultyManifest());
        Assert.Equal("completed", summary.Status);
        var client1 = Csv(summary, "clients.csv").Where(c => c["client"] == "1").ToList();
        Assert.Equal(new[] { "failed", "failed", "stopped", "stopped" }, client1.Select(c => c["status"]));
        Assert.Contains("InvalidOperationException: plugin bug for client 1; stopped after 2 consecutive failures (clients.maxConsecutiveFailures)", client1[1]["reason"]);
        Assert.Equal("stopped in round 2 after 2 consecutive failures (clients.maxConsecutiveFailures)", client1[3]["reason"]);
        var stopped = Assert.Single(summary.Faults!.StoppedClients);
        Assert.Equal((1, 2, 2), (stopped.ClientId, stopped.Round, stopped.Failures));
        Assert.Equal("InvalidOperationException: plugin bug for client 1", stopped.LastError);
        var log = File.ReadAllText(Path.Combine(summary.RunDirectory, "errors.log"));
        Assert.Contains("[client 1] stopped after 2 consecutive failures (clients.maxConsecutiveFailures); last: InvalidOperationException: plugin bug for client 1", log);
        Assert.Contains("\"stoppedClients\"", File.ReadAllText(Path.Combine(summary.RunDirectory, "summary.json")));
    }

    [Fact]
    public void Message_drops_without_a_round_timeout_are_refused_naming_the_field()
    {
        var path = Path.Combine(Dir, "drops.json");
        File.WriteAllText(path, Scenario("""{ "messageDrops": 0.1, "slowClients": { "probability": 0.5 } }"""));
        var error = Assert.Throws<ScenarioException>(() => FederatedScenarioBinder.Load(path));
        Assert.Contains(error.Errors, e => e.JsonPath == "$.faults.messageDrops" && e.Message.Contains("add \"timeoutSeconds\"", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.JsonPath.StartsWith("$.faults.slowClients", StringComparison.Ordinal) && e.Message.Contains("delayMs", StringComparison.Ordinal));
    }
}
