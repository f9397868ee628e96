using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>Every registered strategy and partitioner runs a small federated scenario through the actors and learns.</summary>
public sealed class StrategyEndToEndTests() : TempDirectoryTest("strategies")
{
    private static string Scenario(string strategy, string partitioner = "\"iid\"") => $$"""
        {
          "kind": "federated",
          "seed": 2,
          "dataset": "digits",
          "partitioner": {{partitioner}},
          "model": "logistic-regression",
          "strategy": {{strategy}},
          "rounds": 3,
          "clients": { "total": 8, "perRound": 8 },
          "training": { "localEpochs": 1, "batchSize": 16, "learningRate": 0.2 }
        }
        """;

    [Theory]
    [InlineData("\"fedavg\"")]
    [InlineData("\"fedavgm\"")]
    [InlineData("{ \"name\": \"fedprox\", \"options\": { \"mu\": 0.1 } }")]
    [InlineData("\"fedadagrad\"")]
    [InlineData("{ \"name\": \"fedadam\", \"options\": { \"eta\": 0.02, \"tau\": 0.001 } }")]
    [InlineData("{ \"name\": \"fedyogi\", \"options\": { \"eta\": 0.02, \"tau\": 0.001 } }")]
    [InlineData("\"scaffold\"")]
    [InlineData("{ \"name\": \"qfedavg\", \"options\": { \"q\": 0.2, \"learningRate\": 0.2 } }")]
    [InlineData("\"fedld\"")]
    [InlineData("{ \"name\": \"fedlex\", \"options\": { \"scoutEpochs\": 5, \"patience\": 2 } }")]
    [InlineData("\"median\"")]
    [InlineData("\"trimmed-mean\"")]
    [InlineData("\"krum\"")]
    [InlineData("\"multi-krum\"")]
    [InlineData("\"bulyan\"")]
    [InlineData("{ \"name\": \"power-of-choice\", \"options\": { \"candidates\": 8 } }")]
    public async Task Strategy_runs_and_learns_well_above_chance(string strategy)
    {
        var summary = await SmallRuns.RunAsync(Dir, Scenario(strategy), workers: 2);
        Assert.Equal("completed", summary.Status);
        Assert.True(summary.FinalAccuracy > 0.3, $"{strategy}: accuracy {summary.FinalAccuracy} after 3 rounds (chance is 0.1)");
    }

    [Theory]
    [InlineData("{ \"name\": \"pathological\", \"options\": { \"classesPerClient\": 3 } }")]
    [InlineData("\"shard\"")]
    [InlineData("\"quantity-skew\"")]
    public async Task Partitioner_runs(string partitioner)
    {
        var summary = await SmallRuns.RunAsync(Dir, Scenario("\"fedavg\"", partitioner), workers: 2);
        Assert.Equal("completed", summary.Status);
        Assert.True(summary.FinalAccuracy > 0.3, $"{partitioner}: accuracy {summary.FinalAccuracy}");
    }
}
