using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Cluster;

/// <summary>
/// Distributed runs as a user starts them: two `actorlab node` worker processes and an `actorlab run --cluster`
/// coordinator process on loopback, with free ports; every process is killed by the test.
/// </summary>
public sealed partial class ClusterRunTests
{
    private const string Scenario = """
        {
          "name": "cluster-small",
          "kind": "federated",
          "seed": 5,
          "dataset": "digits",
          "partitioner": { "name": "dirichlet", "options": { "alpha": 0.5, "minSamples": 20 } },
          "model": { "name": "mlp", "options": { "hidden": [16] } },
          "strategy": "fedadam",
          "rounds": 4,
          "clients": { "total": 8, "perRound": 6 },
          "training": { "localEpochs": 1, "batchSize": 16, "learningRate": 0.1 }
        }
        """;

    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [GeneratedRegex(@"hosted (\d+) client")]
    private static partial Regex HostedClients();

    private static (string Dir, string Scenario) Setup()
    {
        var dir = Repo.TempDirectory("cluster");
        var scenario = Path.Combine(dir, "cluster-small.json");
        File.WriteAllText(scenario, Scenario);
        return (dir, scenario);
    }

    private static NodeProcess StartNode(string dir, string seed, int port, string manifest, IDictionary<string, string>? environment = null) =>
        NodeProcess.Start(dir, environment, "node", "--seed", seed, "--port", port.ToString(CultureInfo.InvariantCulture), "--plugins", manifest, "--workers", "1");

    /// <summary>A two-worker cluster on free loopback ports, both nodes up; the caller disposes (kills) them.</summary>
    private sealed class TwoNodes(string seed, int[] ports, NodeProcess first, NodeProcess second) : IDisposable
    {
        public string Seed => seed;

        public int[] Ports => ports;

        public NodeProcess First => first;

        public NodeProcess Second => second;

        public static async Task<TwoNodes> StartAsync(string dir, string? secondManifest = null, IDictionary<string, string>? secondEnvironment = null)
        {
            var ports = FreeLoopbackPorts.Take(2);
            var seed = $"127.0.0.1:{ports[0]}";
            var nodes = new TwoNodes(seed, ports, StartNode(dir, seed, ports[0], Repo.Manifest),
                StartNode(dir, seed, ports[1], secondManifest ?? Repo.Manifest, secondEnvironment));
            await nodes.First.WaitForAsync("up at", Startup);
            await nodes.Second.WaitForAsync("up at", Startup);
            return nodes;
        }

        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }

    private static string RunDirectory(string dir, Support.Cli.Result result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\nstdout:\n{result.Stdout}\nstderr:\n{result.Stderr}");
        JsonDocument summary;
        try
        {
            summary = JsonDocument.Parse(result.Stdout);
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not the JSON summary ({ex.Message}):\n{result.Stdout}\nstderr:\n{result.Stderr}");
        }

        using var _ = summary;
        Assert.Equal("completed", summary.RootElement.GetProperty("status").GetString());
        return Path.Combine(dir, summary.RootElement.GetProperty("runDirectory").GetString()!);
    }

    private static int Hosted(NodeProcess node) =>
        int.Parse(HostedClients().Match(node.Output).Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_run_across_three_processes_gives_the_one_process_metrics_bit_for_bit()
    {
        var (dir, scenario) = Setup();
        using var nodes = await TwoNodes.StartAsync(dir);
        var (seed, ports, first, second) = (nodes.Seed, nodes.Ports, nodes.First, nodes.Second);

        var distributed = RunDirectory(dir, Support.Cli.Run(dir, null, "run", scenario, "--plugins", Repo.Manifest, "-o", "distributed", "--json", "-q",
            "--cluster", seed, "--cluster-workers", "2"));
        var local = RunDirectory(dir, Support.Cli.Run(dir, null, "run", scenario, "--plugins", Repo.Manifest, "-o", "local", "--json", "-q"));

        // Every metric of every round, as written: the determinism rule holds across processes.
        Assert.Equal(File.ReadAllText(Path.Combine(local, "metrics.csv")), File.ReadAllText(Path.Combine(distributed, "metrics.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(local, "clients.csv")), File.ReadAllText(Path.Combine(distributed, "clients.csv")));

        // Both workers hosted clients, and between them every client that trained.
        await first.WaitForAsync("hosted", TimeSpan.FromSeconds(20));
        await second.WaitForAsync("hosted", TimeSpan.FromSeconds(20));
        var trained = File.ReadLines(Path.Combine(local, "clients.csv")).Skip(1).Select(line => line.Split(',')[1]).Distinct().Count();
        Assert.True(Hosted(first) > 0 && Hosted(second) > 0, $"hosted {Hosted(first)} and {Hosted(second)}");
        Assert.Equal(trained, Hosted(first) + Hosted(second));
    }

    [Fact]
    public async Task A_node_whose_plugins_differ_is_refused_and_the_run_goes_on_without_it()
    {
        var (dir, scenario) = Setup();
        // Same plugins, one disabled: a manifest beside the repository's, so its relative paths resolve the same.
        var manifest = Repo.Path($"plugins.cluster-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(manifest, File.ReadAllText(Repo.Manifest).Replace(
            "\"path\": \"build/plugins/ActorLab.Plugins.Games/ActorLab.Plugins.Games.dll\",\n      \"enabled\": true",
            "\"path\": \"build/plugins/ActorLab.Plugins.Games/ActorLab.Plugins.Games.dll\",\n      \"enabled\": false", StringComparison.Ordinal));
        try
        {
            Assert.NotEqual(File.ReadAllText(Repo.Manifest), File.ReadAllText(manifest));
            using var nodes = await TwoNodes.StartAsync(dir, manifest);
            var (seed, ports, good, odd) = (nodes.Seed, nodes.Ports, nodes.First, nodes.Second);

            var result = Support.Cli.Run(dir, null, "run", scenario, "--plugins", Repo.Manifest, "-o", "runs", "--json", "-q", "--cluster", seed, "--cluster-workers", "2");
            RunDirectory(dir, result);
            Assert.Contains($"127.0.0.1:{ports[1]} refused: its plugins differ from the coordinator's: ActorLab.Plugins.Games.dll: enabled on the coordinator, missing or disabled on this node",
                result.Stderr, StringComparison.Ordinal);
            Assert.Contains("running on 1 worker node(s)", result.Stderr, StringComparison.Ordinal);
            // The refused node is downed: it says why, leaves, and its process ends.
            await odd.WaitForAsync("refused run", TimeSpan.FromSeconds(5));
            Assert.True(await odd.WaitForExitAsync(TimeSpan.FromSeconds(30)), odd.Output);
            await good.WaitForAsync("hosted", TimeSpan.FromSeconds(20));
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [SkippableFact]
    public async Task A_node_on_other_MKL_kernels_is_refused_and_the_run_goes_on_without_it()
    {
        Skip.IfNot(Torch.MklKernelPathTests.ShimBuilt, "the MKL fast-path shim was not built (no C compiler), so no process can be put on the other path");
        var (dir, scenario) = Setup();
        using var nodes = await TwoNodes.StartAsync(dir, secondEnvironment: Torch.MklKernelPathTests.OtherKernelPath);
        var (seed, ports, good, odd) = (nodes.Seed, nodes.Ports, nodes.First, nodes.Second);

        var result = Support.Cli.Run(dir, null, "run", scenario, "--plugins", Repo.Manifest, "-o", "runs", "--json", "-q", "--cluster", seed, "--cluster-workers", "2");
        RunDirectory(dir, result);
        Assert.Contains($"127.0.0.1:{ports[1]} refused: its MKL kernels differ from the coordinator's: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ACTORLAB_MKL_AMD_FASTPATH", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("running on 1 worker node(s)", result.Stderr, StringComparison.Ordinal);
        Assert.True(await odd.WaitForExitAsync(TimeSpan.FromSeconds(30)), odd.Output);
        await good.WaitForAsync("hosted", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Without_enough_workers_the_coordinator_gives_up_with_the_command_to_start_them()
    {
        var (dir, scenario) = Setup();
        var ports = FreeLoopbackPorts.Take(1);
        var seed = $"127.0.0.1:{ports[0]}";
        using var only = StartNode(dir, seed, ports[0], Repo.Manifest);
        await only.WaitForAsync("up at", Startup);
        var result = Support.Cli.Run(dir, null, "run", scenario, "--plugins", Repo.Manifest, "-o", "runs", "-q", "--cluster", seed, "--cluster-workers", "2", "--cluster-join-timeout", "5");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"1 of 2 worker node(s) joined the cluster at akka.tcp://actorlab@{seed} within 5 s; start them with `actorlab node --seed", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killing_a_worker_mid_run_drops_its_updates_at_the_deadline_and_moves_its_clients_to_the_survivor()
    {
        var (dir, _) = Setup();
        var scenario = Path.Combine(dir, "cluster-kill.json");
        File.WriteAllText(scenario, Scenario
            .Replace("\"rounds\": 4", "\"rounds\": 8", StringComparison.Ordinal)
            .Replace("\"perRound\": 6", "\"perRound\": 8", StringComparison.Ordinal)
            .Replace("\"localEpochs\": 1", "\"localEpochs\": 3", StringComparison.Ordinal)
            // Every client holds its thread 400 ms a round, so the rounds after round 2 take seconds on any machine and
            // the kill below lands mid-run even when this test process is slow to read the progress line.
            .Replace("\"strategy\": \"fedadam\",", "\"strategy\": \"fedadam\", \"faults\": { \"slowClients\": { \"probability\": 1, \"delayMs\": 400 } },", StringComparison.Ordinal));
        Assert.Contains("slowClients", File.ReadAllText(scenario), StringComparison.Ordinal);
        using var nodes = await TwoNodes.StartAsync(dir);
        var (seed, ports, survivor, victim) = (nodes.Seed, nodes.Ports, nodes.First, nodes.Second);

        using var coordinator = NodeProcess.Start(dir, "run", scenario, "--plugins", Repo.Manifest, "-o", "runs", "--cluster", seed, "--cluster-workers", "2",
            "--cluster-round-timeout", "10");
        await coordinator.WaitForAsync("round 2/8", TimeSpan.FromSeconds(120));
        victim.Kill(); // SIGKILL: no goodbye, the node just vanishes
        Assert.True(await coordinator.WaitForExitAsync(TimeSpan.FromSeconds(150)), coordinator.Output);
        Assert.Contains($"worker akka.tcp://actorlab@127.0.0.1:{ports[1]} lost (removed from the cluster)", coordinator.Output, StringComparison.Ordinal);

        var run = Directory.GetDirectories(Path.Combine(dir, "runs")).Single();
        var rounds = File.ReadLines(Path.Combine(run, "metrics.csv")).Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Equal(8, rounds.Count);
        var reporting = rounds.Select(r => int.Parse(r[2], CultureInfo.InvariantCulture)).ToList();
        // Some round after the kill lost the dead node's updates (they were dropped at the deadline, the round went on) ...
        Assert.True(reporting.Skip(2).Any(n => n < 8), $"reports per round: {string.Join(", ", reporting)}\nsurvivor:\n{survivor.Output}\nvictim:\n{victim.Output}\ncoordinator:\n{coordinator.Output}");
        Assert.Contains(File.ReadLines(Path.Combine(run, "clients.csv")), line => line.Contains("timed out after 10 s", StringComparison.Ordinal));
        // ... and the last round had every client again: the lost ones were re-created on the survivor.
        Assert.True(reporting[^1] == 8, $"reports per round: {string.Join(", ", reporting)}");
        Assert.Contains("lost", File.ReadAllText(Path.Combine(run, "errors.log")), StringComparison.Ordinal);
        await survivor.WaitForAsync("hosted", TimeSpan.FromSeconds(20));
        Assert.Equal(8, Hosted(survivor));
    }

    [Fact]
    public async Task Faults_node_kills_kill_the_named_worker_as_its_round_starts_and_the_run_completes_without_it()
    {
        var (dir, _) = Setup();
        var scenario = Path.Combine(dir, "node-kill.json");
        File.WriteAllText(scenario, """
            {
              "name": "node-kill",
              "kind": "federated",
              "seed": 5,
              "dataset": "digits",
              "model": { "name": "mlp", "options": { "hidden": [16] } },
              "rounds": 4,
              "clients": { "total": 8, "perRound": 8, "timeoutSeconds": 10 },
              "training": { "localEpochs": 2, "batchSize": 16, "learningRate": 0.1 },
              "faults": { "nodeKills": [ { "round": 2, "worker": 1 } ] }
            }
            """);
        using var nodes = await TwoNodes.StartAsync(dir);
        var (seed, ports, first, second) = (nodes.Seed, nodes.Ports, nodes.First, nodes.Second);

        var result = Support.Cli.Run(dir, null, "run", scenario, "--plugins", Repo.Manifest, "-o", "runs", "--json", "-q", "--cluster", seed, "--cluster-workers", "2");
        var run = RunDirectory(dir, result);
        Assert.Contains("faults.nodeKills: worker 1 (", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(") will be killed as round 2 starts", result.Stderr, StringComparison.Ordinal);

        // Exactly one worker died, by its own hand, in round 2; the other finished the run.
        Assert.True(await Task.WhenAny(first.WaitForExitAsync(TimeSpan.FromSeconds(5)), second.WaitForExitAsync(TimeSpan.FromSeconds(5))).Unwrap());
        var (dead, alive) = first.HasExited ? (first, second) : (second, first);
        Assert.False(alive.HasExited);
        Assert.Contains("killed by faults.nodeKills in round 2", dead.Output, StringComparison.Ordinal);

        var reporting = File.ReadLines(Path.Combine(run, "metrics.csv")).Skip(1).Select(line => int.Parse(line.Split(',')[2], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(8, reporting[0]);
        Assert.True(reporting[1] < 8, $"round 2 had {reporting[1]} reports");
        Assert.Equal(8, reporting[^1]);
    }

    [Fact]
    public void Node_kills_need_a_distributed_run()
    {
        var (dir, _) = Setup();
        var scenario = Path.Combine(dir, "node-kill-local.json");
        File.WriteAllText(scenario, Scenario.Replace("\"rounds\": 4,", "\"rounds\": 4, \"faults\": { \"nodeKills\": [ { \"round\": 2, \"worker\": 0 } ] },", StringComparison.Ordinal));
        var result = Support.Cli.Run(dir, null, "run", scenario, "--plugins", Repo.Manifest, "-o", "runs", "-q");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.faults.nodeKills: kills worker nodes of a distributed run; run it with --cluster", result.Stderr, StringComparison.Ordinal);
    }
}
