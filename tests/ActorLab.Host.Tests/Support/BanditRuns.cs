using ActorLab.Host.Bandits;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Tests.Support;

/// <summary>Runs a bandit scenario given as JSON text through the launcher (actors, run folder), as <c>actorlab run</c> does.</summary>
public static class BanditRuns
{
    public static async Task<BanditSummary> RunAsync(string directory, string json, int workers)
    {
        var path = Path.Combine(directory, $"s-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        var request = new RunRequest(path, Repo.Manifest, Path.Combine(directory, "runs"), workers);
        return await BanditLauncher.RunAsync(request, BanditLauncher.Prepare(request));
    }
}
