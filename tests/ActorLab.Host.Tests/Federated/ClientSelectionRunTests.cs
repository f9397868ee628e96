using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>A strategy that picks its clients (power-of-choice) runs through the unchanged host, repeatably.</summary>
public sealed class ClientSelectionRunTests() : TempDirectoryTest("selection")
{
    private static string Scenario(string strategy) => $$"""
        {
          "kind": "federated",
          "seed": 6,
          "dataset": "digits",
          "partitioner": { "name": "dirichlet", "options": { "alpha": 0.5, "minSamples": 20 } },
          "model": "logistic-regression",
          "strategy": {{strategy}},
          "rounds": 4,
          "clients": { "total": 20, "perRound": 4 },
          "training": { "localEpochs": 1, "batchSize": 16, "learningRate": 0.2 }
        }
        """;

    private const string PowerOfChoice = """{ "name": "power-of-choice", "options": { "candidates": 10 } }""";

    /// <summary>Each round's clients, from clients.csv.</summary>
    private static List<int[]> Sampled(Host.Results.RunSummary summary) =>
        File.ReadLines(Path.Combine(summary.RunDirectory, "clients.csv")).Skip(1)
            .Select(line => line.Split(','))
            .GroupBy(cells => int.Parse(cells[0]), cells => int.Parse(cells[1]))
            .OrderBy(g => g.Key)
            .Select(g => g.Order().ToArray())
            .ToList();

    private static byte[] Bytes(Host.Results.RunSummary summary, string name) => File.ReadAllBytes(Path.Combine(summary.RunDirectory, name));

    [Fact]
    public async Task Power_of_choice_picks_other_clients_than_default_sampling_and_repeats_with_the_seed()
    {
        var chosen = await SmallRuns.RunAsync(Dir, Scenario(PowerOfChoice), workers: 2);
        var again = await SmallRuns.RunAsync(Dir, Scenario(PowerOfChoice), workers: 1);
        var uniform = await SmallRuns.RunAsync(Dir, Scenario("\"fedavg\""), workers: 2);

        Assert.Equal("completed", chosen.Status);
        Assert.True(chosen.FinalAccuracy > 0.3, $"accuracy {chosen.FinalAccuracy} after 4 rounds (chance is 0.1)");
        var picks = Sampled(chosen);
        Assert.Equal(4, picks.Count);
        Assert.All(picks, round => Assert.Equal(4, round.Length));
        Assert.NotEqual(Sampled(uniform), picks);
        // Clients that never reported count as highest: no client trains twice before every candidate was tried,
        // so the first rounds' 4 + 4 clients are all different.
        Assert.Empty(picks[0].Intersect(picks[1]));

        Assert.Equal(Bytes(chosen, "metrics.csv"), Bytes(again, "metrics.csv"));
        Assert.Equal(Bytes(chosen, "clients.csv"), Bytes(again, "clients.csv"));
    }
}
