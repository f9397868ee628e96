using ActorLab.Host.Results.Database;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Results;

/// <summary>Two `actorlab run` processes writing to one results database at the same time lose no rows.</summary>
public sealed class ConcurrentResultsDatabaseTests() : TempDirectoryTest("results-db-concurrent")
{
    private const int Rounds = 60;

    [Fact]
    public async Task Two_processes_writing_round_by_round_keep_every_row()
    {
        var database = Path.Combine(Dir, "shared.duckdb");
        var scenario = Path.Combine(Dir, "many-rounds.json");
        File.WriteAllText(scenario, SmallRuns.MlpDirichlet.Replace("\"rounds\": 3", $"\"rounds\": {Rounds}", StringComparison.Ordinal)
            .Replace("\"perRound\": 5", "\"perRound\": 2", StringComparison.Ordinal)
            // Rounds long enough (about 50 ms) that the two runs overlap even when one process starts seconds later.
            .Replace("\"localEpochs\": 1", "\"localEpochs\": 16", StringComparison.Ordinal));

        // Every round its own write (not one every 2 s), so that the two processes contend for the file round by round.
        var environment = new Dictionary<string, string> { [RunRecorder.WriteIntervalVariable] = "0" };

        var runs = Enumerable.Range(0, 2).Select(i => Task.Run(() =>
            Support.Cli.Run(Dir, environment, "run", scenario, "--plugins", Repo.Manifest, "--output", Path.Combine(Dir, $"runs-{i}"), "--workers", "1", "--database", database))).ToArray();
        var results = await Task.WhenAll(runs);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));

        var recorded = new ResultsDatabaseReader(new ResultsDatabase(database)).Runs();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, r => Assert.Equal("completed", r.Status));
        // The runs overlapped in time, so their round-by-round writes contended for the file.
        Assert.True(recorded[1].StartedAt < recorded[0].EndedAt, $"runs did not overlap: {recorded[0].EndedAt:O} < {recorded[1].StartedAt:O}");
        foreach (var run in recorded)
        {
            Assert.Equal(Rounds, ResultsDatabaseQueries.Count(database, "SELECT count(*) FROM metrics WHERE run_id = $1 AND metric = 'test_accuracy'", run.RunId));
            Assert.Equal(Rounds, ResultsDatabaseQueries.Count(database, "SELECT count(DISTINCT step) FROM metrics WHERE run_id = $1", run.RunId));
            Assert.Equal(2 * Rounds, ResultsDatabaseQueries.Count(database, "SELECT count(*) FROM client_metrics WHERE run_id = $1", run.RunId));
        }
    }
}
