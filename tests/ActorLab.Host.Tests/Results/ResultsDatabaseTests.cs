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
    public async Task Each_round_is_in_the_database_when_the_next_begins()
    {
        var seen = new RowsPerRound(DatabasePath);
        await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, 1, seen);

        // Observers run in order: the database recorder before this one, so round r's rows are committed when it is told of round r.
        Assert.Equal([1, 2, 3], seen.TestAccuracyRows);
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

    /// <summary>Counts the database's test_accuracy rows each time a round completes.</summary>
    private sealed class RowsPerRound(string databasePath) : IRunObserver
    {
        public List<long> TestAccuracyRows { get; } = [];

        public void OnRoundCompleted(RoundMetrics metrics) =>
            TestAccuracyRows.Add(ResultsDatabaseQueries.Count(databasePath, "SELECT count(*) FROM metrics WHERE metric = 'test_accuracy'"));

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
}
