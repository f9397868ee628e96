using ActorLab.Host.Federated;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>A cancelled run keeps what it completed and says it was cancelled.</summary>
public sealed class CancellationTests() : TempDirectoryTest("cancel")
{
    private sealed class CancelAfterFirstRound(CancellationTokenSource cts) : IRunObserver
    {
        public void OnRoundCompleted(RoundMetrics metrics) => cts.Cancel();

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
    public async Task Cancelling_keeps_completed_rounds_and_reports_cancelled()
    {
        var json = SmallRuns.MlpDirichlet.Replace("\"rounds\": 3", "\"rounds\": 50");
        var scenario = Path.Combine(Dir, "long.json");
        File.WriteAllText(scenario, json);
        var request = new RunRequest(scenario, Repo.Manifest, Path.Combine(Dir, "runs"), 2);
        var (_, plan) = RunLauncher.Prepare(request);
        using var cts = new CancellationTokenSource();

        var summary = await RunLauncher.RunAsync(request, plan, new CancelAfterFirstRound(cts), cts.Token);

        Assert.Equal("cancelled", summary.Status);
        Assert.InRange(summary.RoundsCompleted, 1, 49);
        var rows = File.ReadAllLines(Path.Combine(summary.RunDirectory, "metrics.csv"));
        Assert.Equal(summary.RoundsCompleted + 1, rows.Length);
        Assert.Contains("\"status\": \"cancelled\"", File.ReadAllText(Path.Combine(summary.RunDirectory, "summary.json")));
    }
}
