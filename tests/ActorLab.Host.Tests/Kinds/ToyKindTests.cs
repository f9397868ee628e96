using System.Text.Json;
using ActorLab.Host.Cli;
using ActorLab.Host.Hosting;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Kinds;

/// <summary>
/// A kind defined in this test project and registered in <see cref="SimulationKinds"/> gets, with no other code, what
/// every kind gets: its own schema's errors (exit 2), a run folder, a database row, report.html, <c>--json</c>, the exit
/// codes of a completed, failed and cancelled run, and sweeps with a comparison.
/// </summary>
[Collection(Name)]
public sealed class ToyKindTests() : TempDirectoryTest("toy-kind")
{
    /// <summary>The collection: these tests swap the process's console, so nothing else may run beside them.</summary>
    public const string Name = "in-process CLI";

    private static readonly Lazy<bool> Registered = new(() =>
    {
        SimulationKinds.Register(new ToyKind());
        return true;
    });

    private sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    private async Task<Outcome> ActorLab(CancellationToken cancellationToken, params string[] args)
    {
        _ = Registered.Value;
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await ActorLabApp.Create().RunAsync(args, cancellationToken);
            return new Outcome(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    private Task<Outcome> Run(string scenarioJson, params string[] more)
    {
        var path = Path.Combine(Dir, $"toy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, scenarioJson);
        return ActorLab(CancellationToken.None, ["run", path, "--plugins", Repo.Manifest, "-o", Path.Combine(Dir, "runs"), "--workers", "1", .. more]);
    }

    private string Database => Path.Combine(Dir, "runs", "actorlab.duckdb");

    [Fact]
    public async Task A_completed_run_gets_a_folder_a_database_row_a_report_and_json()
    {
        var result = await Run("""{ "kind": "toy-walk", "name": "walk", "seed": 4, "steps": 5 }""", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        var folder = json.RootElement.GetProperty("runDirectory").GetString()!;
        Assert.StartsWith("walk-s4", Path.GetFileName(folder)[16..], StringComparison.Ordinal);
        Assert.Equal(result.Stdout.Trim(), File.ReadAllText(Path.Combine(folder, "summary.json")).Trim());
        Assert.Equal(6, File.ReadAllLines(Path.Combine(folder, "walk.csv")).Length);
        Assert.Contains("\"toy-walk\"", File.ReadAllText(Path.Combine(folder, "scenario.json")), StringComparison.Ordinal);
        Assert.Contains("walk (toy-walk, seed 4): completed", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);

        var runId = Path.GetFileName(folder);
        Assert.Equal(1, ResultsDatabaseQueries.Count(Database,
            "SELECT count(*) FROM runs WHERE run_id = $1 AND kind = 'toy-walk' AND status = 'completed' AND headline_metric = 'position' AND ended_at IS NOT NULL", runId));
        Assert.Equal(5, ResultsDatabaseQueries.Count(Database, "SELECT count(*) FROM metrics WHERE run_id = $1 AND metric = 'position'", runId));

        // Same scenario, same seed: the same walk.
        var again = await Run("""{ "kind": "toy-walk", "name": "walk", "seed": 4, "steps": 5 }""", "--json");
        using var second = JsonDocument.Parse(again.Stdout);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "walk.csv")),
            File.ReadAllText(Path.Combine(second.RootElement.GetProperty("runDirectory").GetString()!, "walk.csv")));
    }

    [Fact]
    public async Task A_failed_run_exits_1_and_keeps_its_summary_and_row()
    {
        var result = await Run("""{ "kind": "toy-walk", "name": "falls", "steps": 5, "failAt": 3 }""", "--quiet");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run failed: the walk fell at step 3", result.Stderr, StringComparison.Ordinal);
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(Dir, "runs")));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.Equal("failed", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, ResultsDatabaseQueries.Count(Database, "SELECT count(*) FROM runs WHERE kind = 'toy-walk' AND status = 'failed' AND failure = 'the walk fell at step 3'"));
        Assert.Equal(2, ResultsDatabaseQueries.Count(Database, "SELECT count(*) FROM metrics WHERE metric = 'position'"));
    }

    [Fact]
    public async Task A_cancelled_run_exits_130()
    {
        var path = Path.Combine(Dir, "waits.json");
        File.WriteAllText(path, """{ "kind": "toy-walk", "name": "waits", "steps": 2, "waitForCancel": true }""");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var result = await ActorLab(cancellation.Token, "run", path, "--plugins", Repo.Manifest, "-o", Path.Combine(Dir, "runs"), "--quiet");
        Assert.Equal(130, result.ExitCode);
        Assert.Contains("cancelled; the summary is in ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, ResultsDatabaseQueries.Count(Database, "SELECT count(*) FROM runs WHERE kind = 'toy-walk' AND status = 'cancelled'"));
    }

    [Theory]
    [InlineData("""{ "kind": "toy-walk", "steps": 0 }""", "$.steps")]
    [InlineData("""{ "kind": "toy-walk", "steps": 3, "clients": { "total": 4 } }""", "$.clients")]
    public async Task Its_own_schema_refuses_bad_scenarios_with_exit_2_before_any_folder(string scenario, string jsonPath)
    {
        var result = await Run(scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(jsonPath, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Dir, "runs")) && Directory.GetDirectories(Path.Combine(Dir, "runs")).Length > 0);
    }

    [Fact]
    public async Task A_sweep_compares_its_headline_over_seeds()
    {
        var path = Path.Combine(Dir, "sweep-base.json");
        File.WriteAllText(path, """{ "kind": "toy-walk", "name": "walks", "seed": 1, "steps": 3 }""");
        var result = await ActorLab(CancellationToken.None, "sweep", path, "--set", "steps=3,6", "--seeds", "2", "--plugins", Repo.Manifest, "-o", Path.Combine(Dir, "sweeps"), "--workers", "1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(Dir, "sweeps"), "sweep-*"));
        var comparison = File.ReadAllLines(Path.Combine(folder, "comparison.csv"));
        Assert.Equal("steps,runs,final_position_mean,final_position_std", comparison[0]);
        Assert.Equal(3, comparison.Length);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(folder, "sweep.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(folder, "comparison.png")).Length > 1000);
        Assert.True(File.Exists(Path.Combine(folder, "report.html")));
    }
}

/// <summary>Tests that swap the console run alone.</summary>
[CollectionDefinition(ToyKindTests.Name, DisableParallelization = true)]
public sealed class InProcessCliCollection;
