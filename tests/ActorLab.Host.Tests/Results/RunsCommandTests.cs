using ActorLab.Host.Results.Database;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Results;

/// <summary>`actorlab runs list/show/compare/export` through the process, on a database two runs wrote.</summary>
public sealed class RunsCommandTests() : TempDirectoryTest("runs-cli")
{
    private string DatabasePath => Path.Combine(Dir, "runs", ResultsDatabaseSchema.DefaultFileName);

    private async Task<(string First, string Second)> TwoRunsAsync()
    {
        var first = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, 1);
        var second = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet.Replace("\"seed\": 11", "\"seed\": 12", StringComparison.Ordinal), 1);
        return (first.RunId, second.RunId);
    }

    private Support.Cli.Result Runs(params string[] args) => Support.Cli.Run(Dir, null, ["runs", .. args, "--database", DatabasePath]);

    [Fact]
    public async Task List_shows_both_runs_and_show_names_the_plugins()
    {
        var (first, second) = await TwoRunsAsync();

        var list = Runs("list");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains(first, list.Stdout);
        Assert.Contains(second, list.Stdout);

        var show = Runs("show", first);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("ActorLab.Plugins.Core", show.Stdout);
        Assert.Contains("test_accuracy", show.Stdout);
    }

    [Fact]
    public async Task Compare_writes_the_plot_and_export_writes_parquet_duckdb_reads_back()
    {
        var (first, second) = await TwoRunsAsync();

        var plot = Path.Combine(Dir, "compare.png");
        var compare = Runs("compare", first, second, "--metric", "test_loss", "--plot", plot);
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        Assert.Contains($"plot: {plot}", compare.Stdout);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(plot)[..4]);

        var folder = Path.Combine(Dir, "export");
        var export = Runs("export", first, "--parquet", folder);
        Assert.True(export.ExitCode == 0, export.Stderr);
        var parquet = Path.Combine(folder, "metrics.parquet");
        Assert.Contains(parquet, export.Stdout);
        var inDatabase = ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics WHERE run_id = $1", first);
        Assert.True(inDatabase > 0);
        Assert.Equal(inDatabase, ResultsDatabaseQueries.Count(DatabasePath, $"SELECT count(*) FROM read_parquet('{parquet}') WHERE run_id = $1", first));
        Assert.Equal(0, ResultsDatabaseQueries.Count(DatabasePath, $"SELECT count(*) FROM read_parquet('{parquet}') WHERE run_id <> $1", first));
    }

    /// <summary>Runs a small scenario of another kind through <c>actorlab run</c> into the same runs folder; returns its run id.</summary>
    private string RunKind(string name, string json)
    {
        var scenario = Path.Combine(Dir, $"{name}.json");
        File.WriteAllText(scenario, json);
        var run = Support.Cli.Run(Dir, null, "run", scenario, "--plugins", Repo.Manifest, "-o", Path.Combine(Dir, "runs"), "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(Dir, "runs"), $"*-{name}-s1")));
    }

    [Fact]
    public async Task Compare_across_kinds_plots_each_runs_headline_and_names_the_runs_a_metric_is_missing_from()
    {
        var federated = (await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, 1)).RunId;
        var bandit = RunKind("b", """
            { "kind": "bandit", "name": "b", "seed": 1, "environment": { "name": "bernoulli", "options": { "means": [0.9, 0.5, 0.1] } },
              "policies": [ { "name": "epsilon-greedy", "options": { "epsilon": 0.1 } }, "ucb1", "thompson" ],
              "steps": 2000, "repetitions": 2, "batchSize": 500, "checkpoints": 4 }
            """);
        var game = RunKind("g", """
            { "kind": "game", "name": "g", "seed": 1, "game": "rock-paper-scissors", "players": [ "hedge", { "name": "hedge", "label": "rival" } ],
              "rounds": 400, "repetitions": 2, "batchSize": 100, "checkpoints": 4 }
            """);

        var plot = Path.Combine(Dir, "headlines.png");
        var compare = Runs("compare", federated, bandit, game, "--plot", plot);
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        Assert.Equal("", compare.Stderr);
        Assert.Contains($"plot: {plot}", compare.Stdout);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(plot)[..4]);
        foreach (var (id, kind, headline) in new[] { (federated, "federated", "test_accuracy"), (bandit, "bandit", "pseudo_regret_mean"), (game, "game", "external_regret_mean") })
        {
            Assert.Matches($@"│ {id} +│ {kind} +│ {headline} +│ +[0-9][^│]* │", compare.Stdout);
        }

        var loss = Runs("compare", federated, bandit, game, "--metric", "test_loss", "--plot", Path.Combine(Dir, "loss.png"));
        Assert.True(loss.ExitCode == 0, loss.Stderr);
        var warning = Assert.Single(loss.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"warning: not plotted: {bandit} has no metric 'test_loss' (its metrics: ", warning, StringComparison.Ordinal);
        Assert.Contains($"pseudo_regret_mean, reward_mean); {game} has no metric 'test_loss' (its metrics: ", warning, StringComparison.Ordinal);
        Assert.Contains("external_regret_mean", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(federated, warning, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Dir, "loss.png")));

        var none = Runs("compare", bandit, game, "--metric", "test_loss");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains($"none of these runs has metric 'test_loss' (their metrics: {bandit}: ", none.Stderr, StringComparison.Ordinal);
        Assert.Contains($"pseudo_regret_mean, reward_mean; {game}: ", none.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("pick one of the table's metrics with --metric <NAME>", none.Stderr.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_exits_2_and_lists_the_nearest_ids()
    {
        var (first, _) = await TwoRunsAsync();

        var show = Runs("show", first + "x");
        Assert.Equal(2, show.ExitCode);
        Assert.Contains("nearest: ", show.Stderr);
        Assert.Contains(first, show.Stderr);
    }

    [Fact]
    public void A_file_that_is_not_a_results_database_is_one_input_error_for_every_command()
    {
        // Used to print DuckDB's exception with a stack trace (exit code 1).
        var garbage = Path.Combine(Dir, "garbage.duckdb");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);
        foreach (var command in new[] { new[] { "list" }, ["show", "x"], ["compare", "x", "y"], ["export", "x", "--parquet", Path.Combine(Dir, "out")] })
        {
            var result = Support.Cli.Run(Dir, null, ["runs", .. command, "--database", garbage]);
            Assert.True(result.ExitCode == 2, $"{command[0]}: exit code {result.ExitCode}: {result.Stdout}{result.Stderr}");
            Assert.Equal("", result.Stdout);
            var line = Assert.Single(result.Stderr.TrimEnd().Split('\n'));
            Assert.StartsWith($"error: {garbage}: not a results database: DuckDB cannot open it (", line);
            Assert.EndsWith("pass --database <FILE>", line);
        }

        var other = Path.Combine(Dir, "other.duckdb");
        new ResultsDatabase(other).Read(c =>
        {
            ResultsDatabase.Execute(c, "CREATE TABLE other (x INTEGER)");
            return 0;
        });
        var list = Support.Cli.Run(Dir, null, "runs", "list", "--database", other);
        Assert.True(list.ExitCode == 2, list.Stderr);
        Assert.StartsWith($"error: {other}: a DuckDB database, but not a results database (it has no 'runs' table)", list.Stderr);
    }

    [Fact]
    public void A_run_whose_database_cannot_be_written_completes_and_says_why()
    {
        var scenario = Path.Combine(Dir, "small.json");
        File.WriteAllText(scenario, SmallRuns.MlpDirichlet);
        var notAFile = Directory.CreateDirectory(Path.Combine(Dir, "a-folder.duckdb")).FullName;

        var run = Support.Cli.Run(Dir, null, "run", scenario, "--plugins", Repo.Manifest, "--output", Path.Combine(Dir, "runs"), "--workers", "1", "--database", notAFile);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"warning: results database {notAFile}", run.Stderr);
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(Dir, "runs")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Length); // header and 3 rounds
    }
}
