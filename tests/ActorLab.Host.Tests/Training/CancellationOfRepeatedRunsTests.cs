using ActorLab.Host.Bandits;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using ActorLab.Host.Training;
using Xunit;

namespace ActorLab.Host.Tests.Training;

/// <summary>Ctrl+C during a bandit or training run ends it with a "cancelled" summary instead of an exception.</summary>
public sealed class CancellationOfRepeatedRunsTests() : TempDirectoryTest("cancel")
{
    private string Write(string json)
    {
        var path = Path.Combine(Dir, $"s-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task A_cancelled_training_run_reports_cancelled_and_keeps_the_epochs_it_finished()
    {
        var request = new RunRequest(Write("""
            { "kind": "training", "dataset": "digits", "model": "mlp", "optimization": { "epochs": 100000, "batchSize": 8 } }
            """), Repo.Manifest, Path.Combine(Dir, "runs"), 1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var summary = await TrainingLauncher.RunAsync(request, TrainingLauncher.Prepare(request), e =>
        {
            if (e.Epoch == 3)
            {
                cancel.Cancel();
            }
        }, cancel.Token);
        Assert.Equal("cancelled", summary.Status);
        Assert.Null(summary.Failure);
        Assert.Contains("\"status\": \"cancelled\"", File.ReadAllText(Path.Combine(summary.RunDirectory, "summary.json")));

        // The metrics were streamed as epochs finished: the cancelled run's folder has them.
        Assert.InRange(summary.EpochsRun, 3, 4);
        var epochs = File.ReadAllLines(Path.Combine(summary.RunDirectory, "metrics.csv")).Skip(1).ToList();
        Assert.Equal(summary.EpochsRun, epochs.Count);
        var steps = File.ReadAllLines(Path.Combine(summary.RunDirectory, "steps.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Enumerable.Range(0, steps.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), steps.Select(s => s[0]));
        Assert.Equal(summary.EpochsRun.ToString(System.Globalization.CultureInfo.InvariantCulture), steps[^1][1]);
        Assert.True(File.Exists(Path.Combine(summary.RunDirectory, "loss.png")));
    }

    [Fact]
    public async Task A_cancelled_bandit_run_reports_cancelled()
    {
        var request = new RunRequest(Write("""
            { "kind": "bandit", "environment": "bernoulli", "policies": ["thompson"], "steps": 2000000000, "repetitions": 2 }
            """), Repo.Manifest, Path.Combine(Dir, "runs"), 1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var summary = await BanditLauncher.RunAsync(request, BanditLauncher.Prepare(request), cancellationToken: cancel.Token);
        Assert.Equal("cancelled", summary.Status);
    }
}
