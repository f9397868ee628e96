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
    public async Task A_cancelled_training_run_reports_cancelled()
    {
        var request = new RunRequest(Write("""
            { "kind": "training", "dataset": "digits", "model": "mlp", "optimization": { "epochs": 100000, "batchSize": 8 } }
            """), Repo.Manifest, Path.Combine(Dir, "runs"), 1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var summary = await TrainingLauncher.RunAsync(request, TrainingLauncher.Prepare(request), cancellationToken: cancel.Token);
        Assert.Equal("cancelled", summary.Status);
        Assert.Null(summary.Failure);
        Assert.Contains("\"status\": \"cancelled\"", File.ReadAllText(Path.Combine(summary.RunDirectory, "summary.json")));
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
