using System.Diagnostics;
using System.Text.Json;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Resume;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>
/// A seeded SCAFFOLD run (server and client state) killed with SIGKILL after a persisted round and resumed with
/// <c>actorlab resume</c> ends with the same metrics, bit for bit, as the same run uninterrupted, and the results
/// database holds each round once.
/// </summary>
public sealed class CrashResumeTests() : TempDirectoryTest("resume")
{
    private const int Rounds = 96;
    private const int KillAfter = 2;

    /// <summary>
    /// Small and CPU fast (about 30 ms a round), with enough rounds left after the kill point that the kill lands
    /// mid-run even when the test process is scheduled late: with 16 rounds the run once finished in CI between the
    /// progress line and the kill.
    /// </summary>
    private const string Scenario = """
        {
          "name": "resume-scaffold",
          "kind": "federated",
          "seed": 7,
          "dataset": "digits",
          "partitioner": { "name": "dirichlet", "options": { "alpha": 0.5, "minSamples": 20 } },
          "model": { "name": "mlp", "options": { "hidden": [64] } },
          "strategy": "scaffold",
          "rounds": 96,
          "clients": { "total": 8, "perRound": 4 },
          "training": { "localEpochs": 4, "batchSize": 32, "learningRate": 0.05 }
        }
        """;

    [Fact]
    public async Task Killed_run_resumes_to_the_uninterrupted_runs_metrics_bit_for_bit()
    {
        var scenario = Path.Combine(Dir, "scenario.json");
        File.WriteAllText(scenario, Scenario);

        // The uninterrupted run, in this process (same code, same plugins, same seed).
        var reference = Path.Combine(Dir, "reference");
        var request = new RunRequest(scenario, Repo.Manifest, reference, 2);
        var (_, plan) = RunLauncher.Prepare(request);
        var expected = await RunLauncher.RunAsync(request, plan);
        Assert.Equal("completed", expected.Status);

        // The same run as a process, killed with SIGKILL once round KillAfter is persisted (its progress line is
        // written only after the round's journal event is durable).
        var runs = Path.Combine(Dir, "runs");
        var runDirectory = await RunAndKillAfterRoundAsync(scenario, runs, KillAfter);
        Assert.False(File.Exists(Path.Combine(runDirectory, "summary.json")), "the run finished before the kill; nothing was resumed");
        var killedTimings = File.ReadAllLines(Path.Combine(runDirectory, "timings.csv"));
        Assert.InRange(killedTimings.Length - 1, KillAfter, Rounds - 1);

        var runId = Path.GetFileName(runDirectory);
        var resumed = Support.Cli.Run(Dir, null, "resume", runId, "--plugins", Repo.Manifest, "--output", runs, "--workers", "2", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        using var summary = JsonDocument.Parse(resumed.Stdout);
        Assert.Equal("completed", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(Rounds, summary.RootElement.GetProperty("roundsCompleted").GetInt32());

        // Every round's metrics and every client's outcome, bit for bit (the files print doubles round-trip).
        Assert.Equal(File.ReadAllText(Path.Combine(expected.RunDirectory, "metrics.csv")), File.ReadAllText(Path.Combine(runDirectory, "metrics.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(expected.RunDirectory, "clients.csv")), File.ReadAllText(Path.Combine(runDirectory, "clients.csv")));
        // The final global model's evaluation.
        Assert.Equal(expected.FinalAccuracy, summary.RootElement.GetProperty("finalAccuracy").GetDouble());
        Assert.Equal(expected.FinalTestLoss, summary.RootElement.GetProperty("finalTestLoss").GetDouble());
        // The rounds persisted before the kill were replayed from the journal, not trained again: their wall times
        // (which differ from run to run) are the killed process's own.
        var timings = File.ReadAllLines(Path.Combine(runDirectory, "timings.csv"));
        Assert.Equal(killedTimings.Take(KillAfter + 1), timings.Take(KillAfter + 1));

        // The results database: the run's row is completed, and holds each round exactly once.
        var database = ResultsDatabaseSchema.DefaultPath(runs);
        var run = new ResultsDatabaseReader(new ResultsDatabase(database)).Runs().Single();
        Assert.Equal("completed", run.Status);
        Assert.Equal(Enumerable.Range(1, Rounds).Select(r => (long)r),
            new ResultsDatabaseReader(new ResultsDatabase(database)).Curve(run.RunId, "test_accuracy").Select(p => p.Step));
        Assert.Equal(0, ResultsDatabaseQueries.Count(database,
            "SELECT count(*) FROM (SELECT step, metric FROM metrics WHERE run_id = $1 GROUP BY step, metric HAVING count(*) > 1)", run.RunId));
        Assert.Equal(Rounds * 4, ResultsDatabaseQueries.Count(database, "SELECT count(*) FROM client_metrics WHERE run_id = $1", run.RunId));

        // Resuming it again is refused (the CLI's message and exit code: ResumeRefusalTests and Cli tests).
        Assert.Throws<ResumeException>(() => ResumeLauncher.Locate(runId, runs, database));
    }

    /// <summary>Starts <c>actorlab run</c> and kills it (SIGKILL) as soon as it reports round <paramref name="round"/>; returns the run folder.</summary>
    private static async Task<string> RunAndKillAfterRoundAsync(string scenario, string runs, int round)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(scenario)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Repo.HostDll, "run", scenario, "--plugins", Repo.Manifest, "--output", runs, "--workers", "2", "--json" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith($"round {round}/", StringComparison.Ordinal))
                {
                    process.Kill(); // SIGKILL on Linux: no shutdown code runs
                    break;
                }
            }

            await process.WaitForExitAsync(timeout.Token);
            _ = await stdout;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return Directory.GetDirectories(runs).Single();
    }
}
