using ActorLab.Contracts.Data;
using ActorLab.Plugins.Federated.Datasets;
using Xunit;

namespace ActorLab.Plugins.Federated.Tests;

public sealed class SyntheticDatasetTests
{
    private static Dataset Load(SyntheticOptions options, int seed = 1) => new SyntheticDataset(options).Load(new DatasetRequest(seed, 0.1));

    [Fact]
    public void Has_the_papers_shape_and_one_natural_shard_per_device()
    {
        var data = Load(new SyntheticOptions());
        Assert.Equal(60, data.Features);
        Assert.Equal(10, data.Classes);
        var shards = data.NaturalShards!;
        Assert.Equal(30, shards.Length);
        Assert.Equal(data.TrainCount, shards.Sum(s => s.Length));
        Assert.Equal(data.TrainCount, shards.SelectMany(s => s).Distinct().Count());
        Assert.All(shards, s => Assert.True(s.Length >= 45, $"a device has {s.Length} train rows; n_k >= 50 before the 10 % test split"));
        Assert.All(data.TrainLabels, y => Assert.InRange(y, 0, 9));
    }

    [Fact]
    public void Same_seed_same_data_other_seed_other_data()
    {
        Assert.Equal(Load(new SyntheticOptions()).TrainFeatures, Load(new SyntheticOptions()).TrainFeatures);
        Assert.NotEqual(Load(new SyntheticOptions()).TrainFeatures.Take(100), Load(new SyntheticOptions(), seed: 2).TrainFeatures.Take(100));
    }

    [Fact]
    public void On_demand_devices_are_generated_when_asked_and_always_the_same()
    {
        var data = Load(new SyntheticOptions { Devices = 100_000, OnDemand = true, TestDevices = 10 });
        Assert.Empty(data.TrainFeatures);
        var rows = data.ClientRows!;
        Assert.Equal(100_000, rows.Clients);
        foreach (var k in new[] { 0, 17, 99_999 })
        {
            var (x, y) = rows.Load(k);
            Assert.Equal(rows.SampleCount(k), y.Length);
            Assert.Equal(y.Length * 60, x.Length);
            Assert.Equal(x, rows.Load(k).Features);
        }

        Assert.NotEqual(rows.Load(1).Features.Take(60), rows.Load(2).Features.Take(60));
        Assert.True(data.TestCount > 0 && data.TestFeatures.Length == data.TestCount * 60);
    }

    [Fact]
    public void Larger_alpha_and_beta_make_devices_more_different()
    {
        // Heterogeneity shows in how far each device's label distribution is from the pooled one.
        double MeanTotalVariation(SyntheticOptions options)
        {
            var data = Load(options);
            var pooled = new double[10];
            foreach (var y in data.TrainLabels)
            {
                pooled[y] += 1.0 / data.TrainCount;
            }

            return data.NaturalShards!.Average(shard =>
            {
                var local = new double[10];
                foreach (var row in shard)
                {
                    local[data.TrainLabels[row]] += 1.0 / shard.Length;
                }

                return 0.5 * local.Zip(pooled).Sum(p => Math.Abs(p.First - p.Second));
            });
        }

        var iid = MeanTotalVariation(new SyntheticOptions { Iid = true });
        var mild = MeanTotalVariation(new SyntheticOptions { Alpha = 0, Beta = 0 });
        var strong = MeanTotalVariation(new SyntheticOptions { Alpha = 1, Beta = 1 });
        Assert.True(iid < mild && mild < strong, $"label-distribution distance: iid {iid:F3}, (0,0) {mild:F3}, (1,1) {strong:F3}");
    }
}
