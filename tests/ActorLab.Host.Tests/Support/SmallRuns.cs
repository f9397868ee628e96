using ActorLab.Host.Results;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Tests.Support;

/// <summary>Small, fast federated runs on the shipped digits data, through the real plugin loading.</summary>
public static class SmallRuns
{
    /// <summary>MLP on digits, Dirichlet split, 10 clients of which 5 per round, 3 rounds.</summary>
    public const string MlpDirichlet = """
        {
          "name": "small",
          "kind": "federated",
          "seed": 11,
          "dataset": "digits",
          "partitioner": { "name": "dirichlet", "options": { "alpha": 0.5, "minSamples": 20 } },
          "model": { "name": "mlp", "options": { "hidden": [32] } },
          "rounds": 3,
          "clients": { "total": 10, "perRound": 5 },
          "training": { "localEpochs": 1, "batchSize": 16, "learningRate": 0.1 }
        }
        """;

    /// <summary>Writes <paramref name="json"/> into <paramref name="dir"/> and runs it with <paramref name="workers"/> trainer threads.</summary>
    public static async Task<RunSummary> RunAsync(string dir, string json, int workers, IRunObserver? observer = null)
    {
        var scenario = Path.Combine(dir, $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(scenario, json);
        var request = new RunRequest(scenario, Repo.Manifest, Path.Combine(dir, "runs"), workers);
        var (_, plan) = RunLauncher.Prepare(request);
        return await RunLauncher.RunAsync(request, plan, observer);
    }
}
