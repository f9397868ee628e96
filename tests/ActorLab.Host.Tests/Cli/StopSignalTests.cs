using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Cli;

/// <summary>
/// SIGTERM (<c>kill</c>, <c>timeout</c>) and SIGHUP stop the `actorlab` program like Ctrl+C, for every kind, sweep and
/// resume: within seconds, exit code 130, status cancelled in summary.json, and what completed kept in the run folder.
/// A second signal ends the process at once.
/// </summary>
public sealed class StopSignalTests() : TempDirectoryTest("stop-signal")
{
    private const int SigHup = 1;
    private const int SigInt = 2;
    private const int SigTerm = 15;

    /// <summary>How long a stopped run may take to write its results and exit.</summary>
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(10);

    /// <summary>How long a run may take to print the line the test waits for (start-up on a busy machine included).</summary>
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);

    /// <summary>The quickstart (digits, 10 clients) with rounds enough to outlast any test.</summary>
    private static readonly string Federated = File.ReadAllText(Repo.Path("scenarios", "quickstart.json"))
        .Replace("\"$schema\": \"../schemas/scenario.schema.json\",", "", StringComparison.Ordinal)
        .Replace("\"rounds\": 20", "\"rounds\": 100000", StringComparison.Ordinal);

    private string Runs => Path.Combine(Dir, "runs");

    [SkippableTheory]
    [InlineData(SigTerm)]
    [InlineData(SigHup)]
    [InlineData(SigInt)]
    public async Task A_federated_run_stops_on_the_signal_like_ctrl_c_with_its_completed_rounds(int signal)
    {
        Skip.If(signal == SigInt && SignalDisposition.SigIntIgnored(), "this test process ignores SIGINT, and so would actorlab");
        using var run = Start("run", Write("federated.json", Federated), "--output", Runs);
        await run.WaitForAsync("round 3/100000", StartWithin);

        await StopAsync(run, signal);

        Assert.Contains("cancelled after", run.Output);
        KeptRows(RunFolder(Runs), "roundsCompleted", 3);
    }

    [Fact]
    public async Task A_bandit_run_stopped_by_sigterm_keeps_every_repetition_up_to_the_checkpoint_all_reached()
    {
        using var run = Start("run", Write("bandit.json", """
            { "name": "long-bandit", "kind": "bandit", "seed": 3, "environment": { "name": "bernoulli", "options": { "means": [0.9, 0.5, 0.2] } },
              "policies": ["ucb1", "thompson"], "steps": 5000000, "repetitions": 2, "batchSize": 10000, "checkpoints": 50 }
            """), "--output", Runs);
        await run.WaitForAsync("step 500,000/5,000,000 reached by all 2 running repetitions", StartWithin);

        await StopAsync(run, SigTerm);

        var folder = RunFolder(Runs);
        var summary = Summary(folder);
        Assert.Equal(2, summary.GetProperty("curveRepetitions").GetInt32());
        var reached = summary.GetProperty("curveSteps").GetInt64();
        Assert.InRange(reached, 500_000, 4_900_000);
        Assert.Contains($"the results of 2 repetition(s) up to step {reached.ToString("N0", CultureInfo.InvariantCulture)}", run.Output);

        // regret.csv: both policies at every checkpoint (every 100,000 steps) up to the one both repetitions reached.
        var regret = Rows(Path.Combine(folder, "regret.csv"));
        var checkpoints = Enumerable.Range(1, (int)(reached / 100_000)).Select(c => (c * 100_000L).ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([.. checkpoints, .. checkpoints], regret.Select(r => r[1]));
        Assert.Equal(["ucb1", "thompson"], regret.Select(r => r[0]).Distinct());

        // pulls.csv: each policy's mean pulls at that checkpoint, which add up to its step.
        var pulls = Rows(Path.Combine(folder, "pulls.csv"));
        Assert.Equal(6, pulls.Count);
        foreach (var policy in pulls.GroupBy(p => p[0]))
        {
            Assert.Equal(reached, policy.Sum(p => double.Parse(p[2], CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task A_game_run_stopped_by_sigterm_keeps_its_completed_repetitions()
    {
        // Two players on two workers: two repetitions at a time, so the first completes long before the last (with
        // 1e6 rounds the remaining four took about 2 s, short enough for a busy CI machine to finish before the signal).
        using var run = Start("run", Write("game.json", """
            { "name": "long-game", "kind": "game", "seed": 1, "game": "rock-paper-scissors", "players": [ "hedge", { "name": "hedge", "label": "hedge-2" } ],
              "rounds": 3000000, "repetitions": 6, "feedback": "sampled", "batchSize": 10000, "checkpoints": 20 }
            """), "--output", Runs, "--workers", "2");
        await run.WaitForAsync("repetition 1/6 done", StartWithin);

        await StopAsync(run, SigTerm);

        var folder = RunFolder(Runs);
        var summary = Summary(folder);
        var repetitions = summary.GetProperty("curveRepetitions").GetInt32();
        var reached = summary.GetProperty("curveRounds").GetInt64();
        Assert.InRange(repetitions, 1, 5);
        Assert.True(reached == 3_000_000 || repetitions > 1, $"{repetitions} repetition(s) to round {reached}: fewer rounds than the completed repetition had");
        Assert.Equal(2, summary.GetProperty("agents").GetArrayLength());

        // regret.csv: both agents at every checkpoint (every 150,000 rounds) up to the last one kept; game.csv: the game there.
        var checkpoints = Enumerable.Range(1, (int)(reached / 150_000)).Select(c => (c * 150_000L).ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([.. checkpoints, .. checkpoints], Rows(Path.Combine(folder, "regret.csv")).Select(r => r[1]));
        Assert.Equal(checkpoints, Rows(Path.Combine(folder, "game.csv")).Select(r => r[0]));
    }

    [Fact]
    public async Task A_training_run_stopped_by_sigterm_keeps_its_completed_epochs()
    {
        using var run = Start("run", Write("training.json", """
            { "name": "long-training", "kind": "training", "dataset": "digits", "model": "mlp", "optimization": { "epochs": 100000, "batchSize": 8 } }
            """), "--output", Runs);
        await run.WaitForAsync("epoch 2/100000", StartWithin);

        await StopAsync(run, SigTerm);

        KeptRows(RunFolder(Runs), "epochsRun", 2);
    }

    [Fact]
    public async Task An_experiment_stopped_by_sigterm_sees_its_token_cancelled_and_ends_cancelled()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "plugin"), "WaitingStudy", """
            using ActorLab.Contracts.Experiments;
            using ActorLab.Contracts.Plugins;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry registry, PluginContext context) => registry.AddExperiment("waits", _ => new Waits());
            }
            public sealed class Waits : IExperiment
            {
                public ExperimentResult Run(ExperimentContext context)
                {
                    context.Progress?.Invoke("waiting for the token");
                    context.Cancellation.WaitHandle.WaitOne();
                    context.Cancellation.ThrowIfCancellationRequested();
                    return new ExperimentResult([], []);
                }
            }
            """);
        var manifest = PluginCompiler.WriteManifest(Dir, """{ "path": "plugin/WaitingStudy.dll" }""");
        using var run = Start("run", Write("experiment.json", """{ "name": "study", "kind": "experiment", "experiment": "waits" }"""),
            "--plugins", manifest, "--output", Runs);
        await run.WaitForAsync("waiting for the token", StartWithin);

        await StopAsync(run, SigTerm);

        Summary(RunFolder(Runs));
    }

    [Fact]
    public async Task A_sweep_stopped_by_sigterm_cancels_its_running_run_and_writes_the_runs_started()
    {
        var scenario = Write("federated.json", Federated);
        using var run = Start("sweep", scenario, "--set", "rounds=2,100000", "--workers", "2", "--output", Runs);
        await run.WaitForAsync("[1/2] rounds=2", StartWithin);

        await StopAsync(run, SigTerm);

        Assert.DoesNotContain("   at ", run.Output); // no stack trace
        var sweep = Assert.Single(Directory.GetDirectories(Runs));
        var rows = Rows(Path.Combine(sweep, "sweep.csv"));
        Assert.Equal(["completed", "cancelled"], rows.OrderBy(r => r[0].Length).Select(r => r[2]));
        var cancelled = rows.Single(r => r[2] == "cancelled")[^1];
        Assert.Equal("cancelled", Summary(cancelled).GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(sweep, "comparison.csv")));
    }

    [Fact]
    public async Task A_resumed_run_stopped_by_sigterm_keeps_its_rounds_and_can_be_resumed_again()
    {
        using (var first = Start("run", Write("federated.json", Federated), "--output", Runs))
        {
            await first.WaitForAsync("round 3/100000", StartWithin);
            await StopAsync(first, SigTerm);
        }

        var folder = RunFolder(Runs);
        var before = KeptRows(folder, "roundsCompleted", 3);
        using (var resumed = Start("resume", Path.GetFileName(folder), "--output", Runs))
        {
            await resumed.WaitForAsync($"round {before + 3}/100000", StartWithin);
            await StopAsync(resumed, SigTerm);
            Assert.Contains($"`actorlab resume {Path.GetFileName(folder)}` goes on", resumed.Output);
        }

        KeptRows(folder, "roundsCompleted", before + 3);
    }

    [Fact]
    public async Task A_cluster_node_leaves_the_cluster_gracefully_on_sigterm()
    {
        var port = FreeLoopbackPorts.Take(1)[0];
        using var node = Start("node", "--seed", $"127.0.0.1:{port}", "--port", $"{port}");
        await node.WaitForAsync("node: up at", StartWithin);
        node.Signal(SigTerm);
        Assert.True(await node.WaitForExitAsync(StopWithin), $"still running after SIGTERM:\n{node.Output}");
        Assert.Equal(0, node.ExitCode);
        Assert.Contains("node: leaving the cluster", node.Output);
    }

    [Fact]
    public async Task A_second_sigterm_ends_the_process_at_once_while_the_first_waits_for_a_stuck_plugin()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "plugin"), "StuckPolicy", """
            using System;
            using System.Threading;
            using ActorLab.Contracts.Bandits;
            using ActorLab.Contracts.Plugins;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry registry, PluginContext context) => registry.AddBanditPolicy("stuck", _ => new Stuck());
            }
            public sealed class Stuck : IBanditPolicy
            {
                public void Reset(BanditSetup setup) { }
                public int Select(long step, ReadOnlySpan<float> context, out double propensity)
                {
                    propensity = 1;
                    if (step == 1000)
                    {
                        Console.Error.WriteLine("the policy is stuck");
                        Thread.Sleep(Timeout.Infinite);
                    }

                    return 0;
                }
                public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) { }
            }
            """);
        var bandits = $$"""{ "path": "{{Repo.Path("build", "plugins", "ActorLab.Plugins.Bandits", "ActorLab.Plugins.Bandits.dll")}}" }""";
        var manifest = PluginCompiler.WriteManifest(Dir, bandits, """{ "path": "plugin/StuckPolicy.dll" }""");
        using var run = Start("run", Write("stuck.json", """{ "kind": "bandit", "environment": "bernoulli", "policies": ["stuck"], "steps": 100000, "repetitions": 1 }"""),
            "--plugins", manifest, "--allow-external-plugins", "--output", Runs);
        await run.WaitForAsync("the policy is stuck", StartWithin);
        run.Signal(SigTerm);
        await run.WaitForAsync("cancelling on SIGTERM", StopWithin);

        var clock = Stopwatch.StartNew();
        run.Signal(SigTerm);

        Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(5)), $"still running {clock.Elapsed.TotalSeconds:F0} s after the second SIGTERM:\n{run.Output}");
        Assert.Equal(128 + SigTerm, run.ExitCode);
    }

    /// <summary>Starts `actorlab args` in the test's folder, with the repository's plugins unless args name others.</summary>
    private NodeProcess Start(params string[] args) => NodeProcess.Start(Dir, args.Contains("--plugins") ? args : [.. args, "--plugins", Repo.Manifest]);

    private string Write(string name, string json)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Sends <paramref name="signal"/>; the process must exit within <see cref="StopWithin"/> with 130 and say it is cancelling.</summary>
    private static async Task StopAsync(NodeProcess run, int signal)
    {
        var clock = Stopwatch.StartNew();
        run.Signal(signal);
        Assert.True(await run.WaitForExitAsync(StopWithin), $"still running {clock.Elapsed.TotalSeconds:F0} s after signal {signal}:\n{run.Output}");
        Assert.True(run.ExitCode == 130, $"exit code {run.ExitCode}, not 130:\n{run.Output}");
        Assert.Contains("cancelling on ", run.Output);
    }

    private static string RunFolder(string runs) => Assert.Single(Directory.GetDirectories(runs));

    /// <summary>
    /// The rounds or epochs a cancelled run completed (<paramref name="count"/> in summary.json): at least
    /// <paramref name="atLeast"/>, fewer than planned, and each a row of metrics.csv.
    /// </summary>
    private static int KeptRows(string folder, string count, int atLeast)
    {
        var completed = Summary(folder).GetProperty(count).GetInt32();
        Assert.InRange(completed, atLeast, 99_999);
        Assert.Equal(completed + 1, File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Length);
        return completed;
    }

    /// <summary>summary.json of <paramref name="folder"/>, which must say cancelled.</summary>
    private static JsonElement Summary(string folder)
    {
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json"))).RootElement;
        Assert.Equal("cancelled", summary.GetProperty("status").GetString());
        return summary;
    }

    /// <summary>The rows of a CSV file without its header, split at commas.</summary>
    private static List<string[]> Rows(string path) => [.. File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))];
}
