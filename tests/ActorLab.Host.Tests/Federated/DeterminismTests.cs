using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>Same scenario and seed give byte-identical metrics.csv, whatever the number of trainer threads.</summary>
public sealed class DeterminismTests() : TempDirectoryTest("determinism")
{
    private static byte[] Metrics(Host.Results.RunSummary summary) => File.ReadAllBytes(Path.Combine(summary.RunDirectory, "metrics.csv"));

    [Fact]
    public async Task Same_seed_gives_identical_metrics_with_any_thread_count()
    {
        var first = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, workers: 2);
        var second = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, workers: 2);
        var oneThread = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, workers: 1);
        var fourThreads = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, workers: 4);

        Assert.Equal("completed", first.Status);
        var lines = File.ReadAllLines(Path.Combine(first.RunDirectory, "metrics.csv"));
        Assert.Equal(4, lines.Length); // header + 3 rounds
        Assert.Equal(Metrics(first), Metrics(second));
        Assert.Equal(Metrics(first), Metrics(oneThread));
        Assert.Equal(Metrics(first), Metrics(fourThreads));
    }

    [Fact]
    public async Task Another_seed_gives_other_metrics()
    {
        var first = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, workers: 2);
        var other = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet.Replace("\"seed\": 11", "\"seed\": 12"), workers: 2);
        Assert.NotEqual(Metrics(first), Metrics(other));
    }
}
