using ActorLab.Contracts.Data;
using ActorLab.Plugins.Core.Partitioners;
using Xunit;

namespace ActorLab.Plugins.Core.Tests;

public sealed class DirichletPartitionerTests
{
    private static int[] Labels(int perClass, int classes) =>
        Enumerable.Range(0, perClass * classes).Select(i => i % classes).ToArray();

    private static int[][] Split(double alpha, int clients, int seed, int minSamples = 10, int perClass = 500) =>
        new DirichletPartitioner(new DirichletOptions { Alpha = alpha, MinSamples = minSamples })
            .Partition(Labels(perClass, 10), 10, clients, new Random(seed));

    [Theory]
    [InlineData(0.1, 20)]
    [InlineData(0.5, 100)]
    [InlineData(10.0, 7)]
    public void Every_row_goes_to_exactly_one_client_and_every_client_meets_the_minimum(double alpha, int clients)
    {
        var shards = Split(alpha, clients, 3);
        Assert.Equal(clients, shards.Length);
        var all = shards.SelectMany(s => s).ToArray();
        Assert.Equal(5000, all.Length);
        Assert.Equal(5000, all.Distinct().Count());
        Assert.All(shards, s => Assert.True(s.Length >= 10, $"a client got {s.Length} rows"));
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_another()
    {
        Assert.Equal(Split(0.5, 20, 1), Split(0.5, 20, 1));
        Assert.NotEqual(Split(0.5, 20, 1), Split(0.5, 20, 2));
    }

    [Fact]
    public void Smaller_alpha_gives_stronger_label_skew()
    {
        var labels = Labels(500, 10);
        double MeanEntropy(double alpha) => Enumerable.Range(1, 5).Average(seed =>
            Split(alpha, 20, seed).Average(shard =>
            {
                var counts = shard.GroupBy(i => labels[i]).Select(g => (double)g.Count()).ToArray();
                return -counts.Sum(c => c / shard.Length * Math.Log(c / shard.Length));
            }));

        var skewed = MeanEntropy(0.1);
        var moderate = MeanEntropy(1.0);
        var nearIid = MeanEntropy(1000.0);
        Assert.True(skewed < moderate && moderate < nearIid, $"entropies {skewed:F3} < {moderate:F3} < {nearIid:F3} expected");
        Assert.True(nearIid > 0.95 * Math.Log(10), $"alpha=1000 should be close to uniform labels, entropy {nearIid:F3}");
    }

    [Fact]
    public void Label_proportions_follow_the_dirichlet_mean()
    {
        // E[p_c] = 1/clients for every class: over many seeds each client's share of a class averages 1/clients.
        var labels = Labels(500, 10);
        var share = new double[5];
        const int seeds = 200;
        for (var seed = 0; seed < seeds; seed++)
        {
            var shards = Split(1.0, 5, seed, minSamples: 1);
            for (var c = 0; c < 5; c++)
            {
                share[c] += shards[c].Count(i => labels[i] == 0) / 500.0 / seeds;
            }
        }

        Assert.All(share, s => Assert.InRange(s, 0.2 - 0.04, 0.2 + 0.04));
    }

    [Fact]
    public void Impossible_minimum_is_a_clear_error()
    {
        var ex = Assert.Throws<PartitionException>(() => Split(0.5, 100, 1, minSamples: 60));
        Assert.Contains("minSamples 60", ex.Message);
        Assert.Contains("exceeds the 5000 training rows", ex.Message);
    }

    [Fact]
    public void Invalid_alpha_is_a_clear_error()
    {
        var ex = Assert.Throws<PartitionException>(() => Split(0, 10, 1));
        Assert.Contains("alpha must be a positive number", ex.Message);
    }
}
