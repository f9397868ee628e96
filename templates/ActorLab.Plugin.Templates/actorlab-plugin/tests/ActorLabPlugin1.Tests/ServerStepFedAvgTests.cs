using ActorLab.Contracts.Federated;
using Xunit;

namespace ActorLabPlugin1.Tests;

public sealed class ServerStepFedAvgTests
{
    [Fact]
    public void Steps_towards_the_sample_weighted_average()
    {
        // Clients with 1 and 3 samples: average = (1 * [4, 0] + 3 * [0, 8]) / 4 = [1, 6];
        // with eta = 0.5 from global [2, 2]: [2 + 0.5 (1 - 2), 2 + 0.5 (6 - 2)] = [1.5, 4].
        var strategy = new ServerStepFedAvg(new ServerStepFedAvgOptions { ServerLearningRate = 0.5 });
        var next = strategy.Aggregate(new AggregationContext(Round: 1, Seed: 7), [2f, 2f],
            [new ClientUpdate(0, [4f, 0f], 1, 0.3), new ClientUpdate(1, [0f, 8f], 3, 0.2)]);
        Assert.Equal(new[] { 1.5f, 4f }, next);
    }

    [Fact]
    public void Eta_one_is_fedavg()
    {
        var next = new ServerStepFedAvg(new ServerStepFedAvgOptions()).Aggregate(new AggregationContext(1, 7), [9f],
            [new ClientUpdate(0, [1f], 2, 0), new ClientUpdate(1, [4f], 1, 0)]);
        Assert.Equal(new[] { 2f }, next);
    }
}
