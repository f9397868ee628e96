using ActorLab.Contracts.Data;
using ActorLab.Plugins.Federated.Partitioners;
using Xunit;

namespace ActorLab.Plugins.Federated.Tests;

public sealed class PartitionerTests
{
    private static readonly int[] Labels = Enumerable.Range(0, 1000).Select(i => i % 10).ToArray();

    private static void CoversEveryRowOnce(int[][] shards, int rows)
    {
        var all = shards.SelectMany(s => s).ToArray();
        Assert.Equal(rows, all.Length);
        Assert.Equal(rows, all.Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Pathological_gives_every_client_exactly_k_classes(int k)
    {
        var shards = new PathologicalPartitioner(new PathologicalOptions { ClassesPerClient = k }).Partition(Labels, 10, 20, new Random(1));
        CoversEveryRowOnce(shards, 1000);
        Assert.All(shards, s => Assert.Equal(k, s.Select(i => Labels[i]).Distinct().Count()));
        Assert.Equal(shards, new PathologicalPartitioner(new PathologicalOptions { ClassesPerClient = k }).Partition(Labels, 10, 20, new Random(1)));
    }

    [Fact]
    public void Shards_are_equal_sized_and_label_sorted()
    {
        var shards = new ShardPartitioner(new ShardOptions { ShardsPerClient = 2 }).Partition(Labels, 10, 50, new Random(2));
        CoversEveryRowOnce(shards, 1000);
        Assert.All(shards, s => Assert.Equal(20, s.Length));
        Assert.All(shards, s => Assert.InRange(s.Select(i => Labels[i]).Distinct().Count(), 1, 2)); // shards of 10 never straddle 3 labels
    }

    [Fact]
    public void Quantity_skew_grows_with_sigma_and_keeps_labels_iid()
    {
        double SizeSpread(double sigma)
        {
            var sizes = new QuantitySkewPartitioner(new QuantitySkewOptions { Sigma = sigma, MinSamples = 5 })
                .Partition(Labels, 10, 20, new Random(3)).Select(s => (double)s.Length).ToArray();
            var mean = sizes.Average();
            return Math.Sqrt(sizes.Average(x => (x - mean) * (x - mean))) / mean;
        }

        var shards = new QuantitySkewPartitioner(new QuantitySkewOptions { Sigma = 1 }).Partition(Labels, 10, 20, new Random(3));
        CoversEveryRowOnce(shards, 1000);
        Assert.True(SizeSpread(0) < 0.05, $"sigma 0 spread {SizeSpread(0)}");
        Assert.True(SizeSpread(0.5) < SizeSpread(1.5), "larger sigma, larger spread");
        Assert.All(new QuantitySkewPartitioner(new QuantitySkewOptions { Sigma = 2, MinSamples = 5 }).Partition(Labels, 10, 20, new Random(3)),
            s => Assert.True(s.Length >= 5));
    }

    [Fact]
    public void Impossible_requests_are_clear_errors()
    {
        Assert.Contains("classesPerClient must be between 1 and the 10 classes",
            Assert.Throws<PartitionException>(() => new PathologicalPartitioner(new PathologicalOptions { ClassesPerClient = 11 }).Partition(Labels, 10, 5, new Random(1))).Message);
        Assert.Contains("need at least that many rows",
            Assert.Throws<PartitionException>(() => new ShardPartitioner(new ShardOptions { ShardsPerClient = 20 }).Partition(Labels, 10, 100, new Random(1))).Message);
    }
}
