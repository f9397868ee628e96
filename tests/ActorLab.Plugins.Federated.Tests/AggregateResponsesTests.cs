using ActorLab.Contracts.Data;
using ActorLab.Plugins.Federated.AggregateResponses;
using TorchSharp;
using Xunit;

namespace ActorLab.Plugins.Federated.Tests;

/// <summary>Learning from aggregate responses (Javanmard et al., ICLR 2024): the identity and the bias-variance trade-off.</summary>
public sealed class AggregateResponsesTests
{
    private static (torch.Tensor Predictions, Bags Bags) Example(int rows = 23, int k = 4, int seed = 1)
    {
        var random = new Random(seed);
        var responses = Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        var predictions = torch.tensor(Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 10 - 5).ToArray());
        return (predictions, Bags.Random(responses, k, random));
    }

    [Fact]
    public void Instance_level_equals_bag_level_plus_within_bag_spread_to_floating_point_precision()
    {
        foreach (var (rows, k) in new[] { (23, 4), (100, 10), (7, 7), (50, 1) })
        {
            var (f, bags) = Example(rows, k);
            var instance = BagLosses.InstanceLevel(f, bags).item<double>();
            var decomposed = (BagLosses.BagLevel(f, bags) + BagLosses.WithinBagSpread(f, bags)).item<double>();
            Assert.Equal(instance, decomposed, 12);
            Assert.Equal(instance, BagLosses.Interpolating(f, bags, 1.0).item<double>(), 12);
            Assert.Equal(BagLosses.BagLevel(f, bags).item<double>(), BagLosses.Interpolating(f, bags, 0.0).item<double>(), 12);
        }
    }

    [Fact]
    public void Bag_level_loss_matches_its_definition_by_hand()
    {
        // Bags {0, 1} with mean response 2 and {2} with response -1; predictions 1, 5, 0.
        var bags = new Bags([[0, 1], [2]], [2.0, -1.0]);
        var f = torch.tensor(new double[] { 1, 5, 0 });
        Assert.Equal((2 * Math.Pow(2 - 3, 2) + 1 * Math.Pow(-1 - 0, 2)) / 3, BagLosses.BagLevel(f, bags).item<double>(), 12);
        Assert.Equal((Math.Pow(2 - 1, 2) + Math.Pow(2 - 5, 2) + 1) / 3, BagLosses.InstanceLevel(f, bags).item<double>(), 12);
    }

    [Fact]
    public void Bag_level_is_less_biased_and_higher_variance_than_instance_level()
    {
        var results = LinearRegressionExperiment.Run(new AggregateExperimentSettings(Rows: 200, Features: 5, BagSize: 10, Replicates: 150, Seed: 3), [0.0, 0.5, 1.0]);
        var (bag, middle, instance) = (results[0], results[1], results[2]);
        Assert.True(bag.SquaredBias < instance.SquaredBias, $"squared bias: bag {bag.SquaredBias:G4}, instance {instance.SquaredBias:G4}");
        Assert.True(bag.Variance > instance.Variance, $"variance: bag {bag.Variance:G4}, instance {instance.Variance:G4}");
        Assert.InRange(middle.SquaredBias, bag.SquaredBias, instance.SquaredBias);
    }

    [Fact]
    public void Laplace_noise_on_bag_responses_shrinks_with_bag_size()
    {
        var responses = Enumerable.Repeat(0.0, 10_000).ToArray();
        double NoiseScale(int k)
        {
            var bags = Bags.Random(responses, k, new Random(1)).WithLaplaceNoise(epsilon: 1, low: -1, high: 1, new Random(2));
            return bags.Responses.Average(Math.Abs); // E|Laplace(b)| = b = 2 / (k epsilon)
        }

        Assert.InRange(NoiseScale(1), 2 * 0.95, 2 * 1.05);
        Assert.InRange(NoiseScale(10), 0.2 * 0.9, 0.2 * 1.1);
    }
}
