using ActorLab.Host.Federated;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Results;

/// <summary>Runs land in the results database: their row, metrics (written round by round), client metrics and plugins.</summary>
public sealed class ResultsDatabaseTests() : TempDirectoryTest("results-db")
{
    private string DatabasePath => Path.Combine(Dir, "runs", ResultsDatabaseSchema.DefaultFileName);

    [Fact]
    public async Task A_federated_run_lands_with_its_rounds_clients_and_plugins()
    {
        var summary = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, 1);

        var run = Assert.Single(new ResultsDatabaseReader(new ResultsDatabase(DatabasePath)).Runs());
        Assert.Equal((summary.RunId, "federated", "small", 11L, "completed"), (run.RunId, run.Kind, run.Scenario, run.Seed, run.Status));
        Assert.NotNull(run.EndedAt);
        Assert.Equal(summary.FinalAccuracy, run.HeadlineValue);
        Assert.Equal(3, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics WHERE run_id = $1 AND metric = 'test_accuracy'", run.RunId));
        Assert.Equal(15, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM client_metrics WHERE run_id = $1", run.RunId)); // 5 clients x 3 rounds
        var plugins = new ResultsDatabaseReader(new ResultsDatabase(DatabasePath)).Plugins(run.RunId);
        Assert.Contains(plugins, p => p.Plugin == "ActorLab.Plugins.Core");
        Assert.All(plugins, p => Assert.Matches("^[0-9a-f]{64}$", p.Sha256));
    }

    [Fact]
    public async Task Each_round_reaches_the_database_while_the_run_goes_on()
    {
        var seen = new RowsPerRound(DatabasePath);
        await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, 1, seen);

        // Round r's rows were committed while the run was at round r (the end of the run had not been written).
        Assert.Equal([1, 2, 3], seen.TestAccuracyRows);
    }

    [Fact]
    public async Task A_run_cancelled_mid_way_keeps_its_finished_rounds_and_says_cancelled()
    {
        var scenario = Path.Combine(Dir, "thirty-rounds.json");
        File.WriteAllText(scenario, SmallRuns.MlpDirichlet.Replace("\"rounds\": 3", "\"rounds\": 30", StringComparison.Ordinal));
        var request = new RunRequest(scenario, Repo.Manifest, Path.Combine(Dir, "runs"), 1);
        var (_, plan) = RunLauncher.Prepare(request);
        using var cancellation = new CancellationTokenSource();

        var summary = await RunLauncher.RunAsync(request, plan, new CancelAtRound(2, cancellation), cancellation.Token);

        var run = Assert.Single(new ResultsDatabaseReader(new ResultsDatabase(DatabasePath)).Runs());
        Assert.Equal("cancelled", run.Status);
        Assert.InRange(summary.RoundsCompleted, 2, 29); // the round in flight may finish; the rest do not run
        Assert.Equal(summary.RoundsCompleted, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics WHERE metric = 'test_accuracy'"));
    }

    [Fact]
    public async Task A_training_run_lands_with_its_epochs_and_steps()
    {
        var summary = await TrainingRuns.RunAsync(Dir, "t", """
            { "name": "t", "kind": "training", "seed": 3, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [16] } },
              "optimization": { "epochs": 2, "batchSize": 64, "learningRate": 0.1 } }
            """);

        var run = Assert.Single(new ResultsDatabaseReader(new ResultsDatabase(DatabasePath)).Runs());
        Assert.Equal((summary.RunId, "training", "completed"), (run.RunId, run.Kind, run.Status));
        Assert.Equal(summary.FinalAccuracy, run.HeadlineValue);
        Assert.Equal(2, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics WHERE run_id = $1 AND metric = 'test_accuracy'", run.RunId));
        var stepsCsv = File.ReadAllLines(Path.Combine(summary.RunDirectory, "steps.csv")).Length - 1;
        Assert.Equal(stepsCsv, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics WHERE run_id = $1 AND metric = 'step_train_loss'", run.RunId));
    }

    [Fact]
    public async Task A_bandit_run_lands_with_its_regret_curves_per_policy()
    {
        var summary = await BanditRuns.RunAsync(Dir, """
            { "name": "b", "kind": "bandit", "seed": 1, "environment": { "name": "bernoulli", "options": { "means": [0.9, 0.5, 0.1] } },
              "policies": ["ucb1", "thompson"], "steps": 2000, "repetitions": 2, "batchSize": 500, "checkpoints": 4 }
            """, 1);

        var run = Assert.Single(new ResultsDatabaseReader(new ResultsDatabase(DatabasePath)).Runs());
        Assert.Equal((summary.RunId, "bandit", "completed"), (run.RunId, run.Kind, run.Status));
        var regretCsv = File.ReadAllLines(Path.Combine(summary.RunDirectory, "regret.csv")).Length - 1;
        Assert.Equal(regretCsv, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics WHERE metric = 'pseudo_regret_mean'"));
        Assert.Equal(2, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(DISTINCT series) FROM metrics"));
        Assert.Equal(summary.FinalPseudoRegret.Values.Min(), run.HeadlineValue); // the lowest policy's final regret
    }

    /// <summary>Cancels the run when round <paramref name="round"/> completes.</summary>
    private sealed class CancelAtRound(int round, CancellationTokenSource cancellation) : IRunObserver
    {
        public void OnRoundCompleted(RoundMetrics metrics)
        {
            if (metrics.Round == round)
            {
                cancellation.Cancel();
            }
        }

        public void OnRunCompleted()
        {
        }

        public void OnRunFailed(string reason)
        {
        }

        public void OnComponentError(string source, string detail)
        {
        }
    }

    /// <summary>
    /// Each time a round completes, waits (up to 10 s) until the database holds that many test_accuracy rows and records the
    /// count. The run's observers are called one at a time, the recorder before this one, so no later round is queued meanwhile.
    /// </summary>
    private sealed class RowsPerRound(string databasePath) : IRunObserver
    {
        public List<long> TestAccuracyRows { get; } = [];

        public void OnRoundCompleted(RoundMetrics metrics)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            long rows;
            while ((rows = Rows()) < metrics.Round && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }

            TestAccuracyRows.Add(rows);
        }

        private long Rows() => File.Exists(databasePath)
            ? ResultsDatabaseQueries.Count(databasePath, "SELECT count(*) FROM metrics WHERE metric = 'test_accuracy'")
            : 0;

        public void OnRunCompleted()
        {
        }

        public void OnRunFailed(string reason)
        {
        }

        public void OnComponentError(string source, string detail)
        {
        }
    }

    [Fact]
    public void Two_runs_with_the_same_folder_name_get_distinct_ids_and_keep_their_own_rows()
    {
        // Two processes starting the same scenario and seed in the same second, into different run folders.
        var catalog = ActorLab.Host.Plugins.PluginCatalogLoader.Load(Repo.Manifest);
        var identity = new RunIdentity("20261126-000000-small-s11", "federated", "small", 11, "test_accuracy", Dir);
        var first = RunRecorder.Start(DatabasePath, identity, catalog);
        var second = RunRecorder.Start(DatabasePath, identity, catalog);
        first.Append([new MetricRow(1, "test_accuracy", 0.5)]);
        second.Append([new MetricRow(1, "test_accuracy", 0.7), new MetricRow(2, "test_accuracy", 0.8)]);
        first.Finish("completed", null);
        second.Finish("completed", null);

        // Which one writes first is up to the two background writers; the ids are the plain name and name-2 either way.
        Assert.Equal(["20261126-000000-small-s11", "20261126-000000-small-s11-2"], new[] { first.RunId, second.RunId }.Order());
        Assert.Equal(1, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics WHERE run_id = $1", first.RunId));
        Assert.Equal(2, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics WHERE run_id = $1", second.RunId));
    }

    [Fact]
    public async Task Rows_written_between_writes_wait_for_the_interval_and_the_runs_end_writes_them_at_once()
    {
        var catalog = ActorLab.Host.Plugins.PluginCatalogLoader.Load(Repo.Manifest);
        var identity = new RunIdentity("20261203-000000-small-s11", "federated", "small", 11, "test_accuracy", Dir);
        var recorder = RunRecorder.Start(DatabasePath, identity, catalog, warn: null, writeInterval: TimeSpan.FromMinutes(10));

        // The first batch goes in at once; the second waits for the interval (ten minutes here).
        recorder.Append([new MetricRow(1, "test_accuracy", 0.5)]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics") < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics"));
        recorder.Append([new MetricRow(2, "test_accuracy", 0.6)]);
        recorder.Append([new MetricRow(3, "test_accuracy", 0.7)]);
        await Task.Delay(300);
        Assert.Equal(1, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics"));

        // Finish does not wait out the ten minutes: the task below would time out long before.
        var finish = Task.Run(() => recorder.Finish("completed", null));
        Assert.Same(finish, await Task.WhenAny(finish, Task.Delay(TimeSpan.FromSeconds(60))));
        Assert.Equal(3, ResultsDatabaseQueries.Count(DatabasePath, "SELECT count(*) FROM metrics"));
        Assert.Equal("completed", Assert.Single(new ResultsDatabaseReader(new ResultsDatabase(DatabasePath)).Runs()).Status);
    }

    [Theory]
    [InlineData(null, 2.0)]
    [InlineData("", 2.0)]
    [InlineData("0", 0.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("30", 30.0)]
    public void The_write_interval_variable_sets_the_interval_in_seconds(string? value, double seconds)
    {
        var warnings = new List<string>();
        Assert.Equal(TimeSpan.FromSeconds(seconds), RunRecorder.ParseWriteInterval(value, warnings.Add));
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("1e9")]
    [InlineData("2,5")]
    public void A_write_interval_that_is_not_seconds_warns_naming_the_variable_and_keeps_the_default(string value)
    {
        var warnings = new List<string>();
        Assert.Equal(RunRecorder.DefaultWriteInterval, RunRecorder.ParseWriteInterval(value, warnings.Add));
        var warning = Assert.Single(warnings);
        Assert.Contains(RunRecorder.WriteIntervalVariable, warning, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", warning, StringComparison.Ordinal);
    }
}
