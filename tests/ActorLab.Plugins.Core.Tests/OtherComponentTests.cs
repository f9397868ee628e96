using System.Reflection;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Models;
using ActorLab.Plugins.Core.Datasets;
using ActorLab.Plugins.Core.Models;
using ActorLab.Plugins.Core.Partitioners;
using ActorLab.Plugins.Core.Strategies;
using TorchSharp;
using Xunit;

namespace ActorLab.Plugins.Core.Tests;

public sealed class OtherComponentTests
{
    private static string RepoRoot => typeof(OtherComponentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ActorLab.RepoRoot").Value!;

    [Fact]
    public void Fedavg_weights_clients_by_sample_count()
    {
        var updates = new[]
        {
            new ClientUpdate(0, [1f, 10f], 1, 0),
            new ClientUpdate(1, [4f, 40f], 3, 0),
        };
        var result = new FedAvg().Aggregate(new AggregationContext(1, 0), new float[2], updates);
        Assert.Equal([3.25f, 32.5f], result);
    }

    [Fact]
    public void Fedavg_rejects_an_update_of_the_wrong_size()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new FedAvg().Aggregate(new AggregationContext(1, 0), new float[3], [new ClientUpdate(4, [1f], 1, 0)]));
        Assert.Contains("client 4 sent 1 values, expected 3", ex.Message);
    }

    [Fact]
    public void Iid_split_is_disjoint_complete_and_balanced()
    {
        var shards = new IidPartitioner().Partition(new int[103], 1, 10, new Random(1));
        Assert.Equal(103, shards.SelectMany(s => s).Distinct().Count());
        Assert.All(shards, s => Assert.InRange(s.Length, 10, 11));
    }

    [Fact]
    public void Mlp_has_the_requested_layer_sizes()
    {
        using var model = new MlpModel(new MlpOptions { Hidden = [200, 200] }).Create(new ModelShape(784, 10));
        var parameters = model.parameters().Sum(p => p.numel());
        Assert.Equal(784 * 200 + 200 + 200 * 200 + 200 + 200 * 10 + 10, parameters);
        using var output = model.call(torch.zeros(3, 784));
        Assert.Equal([3L, 10L], output.shape);
    }

    [Fact]
    public void Digits_loads_all_1797_rows_with_a_stratified_test_split()
    {
        var data = new DigitsDataset(Path.Combine(RepoRoot, "data", "digits")).Load(new DatasetRequest(1, 0.2));
        Assert.Equal(1797, data.TrainCount + data.TestCount);
        Assert.Equal(64, data.Features);
        Assert.InRange(data.TestCount, 355, 365);
        Assert.Equal(10, data.TestLabels.Distinct().Count());
        Assert.All(data.TrainFeatures, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(data.TestLabels, new DigitsDataset(Path.Combine(RepoRoot, "data", "digits")).Load(new DatasetRequest(1, 0.2)).TestLabels);
    }

    [Fact]
    public void Missing_fashion_mnist_names_the_debian_package()
    {
        var ex = Assert.Throws<DatasetUnavailableException>(() => new FashionMnistDataset("/nonexistent/fmnist").Load(new DatasetRequest(1, 0.2)));
        Assert.Contains("apt-get install dataset-fashion-mnist", ex.Message);
        Assert.Contains("/nonexistent/fmnist", ex.Message);
    }

    [SkippableFact]
    public void Fashion_mnist_reads_the_idx_files_when_installed()
    {
        Skip.IfNot(Directory.Exists(FashionMnistDataset.DebianDirectory), "dataset-fashion-mnist is not installed (CI installs it)");

        var data = new FashionMnistDataset(FashionMnistDataset.DebianDirectory).Load(new DatasetRequest(1, 0.2));
        Assert.Equal(60000, data.TrainCount);
        Assert.Equal(10000, data.TestCount);
        Assert.Equal(784, data.Features);
        Assert.Equal(Enumerable.Range(0, 10), data.TrainLabels.Distinct().Order());
    }
}

public sealed class TabularDatasetTests
{
    private static string RepoRoot => typeof(TabularDatasetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ActorLab.RepoRoot").Value!;

    [Theory]
    [InlineData("wine", "wine_data.csv", 178, 13, 3)]
    [InlineData("breast-cancer", "breast_cancer.csv", 569, 30, 2)]
    public void Sklearn_csv_loads_and_standardises_with_train_statistics(string name, string file, int rows, int features, int classes)
    {
        var data = new SklearnCsvDataset(name, Path.Combine(RepoRoot, "data", name, file)).Load(new DatasetRequest(1, 0.2));
        Assert.Equal(rows, data.TrainCount + data.TestCount);
        Assert.Equal(features, data.Features);
        Assert.Equal(classes, data.Classes);
        Assert.Equal(Enumerable.Range(0, classes), data.TestLabels.Distinct().Order());
        for (var j = 0; j < features; j++)
        {
            var column = Enumerable.Range(0, data.TrainCount).Select(r => (double)data.TrainFeatures[r * features + j]).ToArray();
            var mean = column.Average();
            Assert.Equal(0, mean, 4);
            Assert.Equal(1, Math.Sqrt(column.Average(v => (v - mean) * (v - mean))), 3);
        }
    }

    [Fact]
    public void Natural_partitioner_needs_a_dataset_with_devices_and_the_right_client_count()
    {
        var pooled = new Dataset("x", 1, 2, [0f, 1f], [0, 1], [0f], [0]);
        Assert.Contains("has no per-device split", Assert.Throws<PartitionException>(() => new NaturalPartitioner().Partition(pooled, 2, new Random(1))).Message);
        var devices = pooled with { NaturalShards = [[0], [1]] };
        Assert.Contains("set clients.total to 2", Assert.Throws<PartitionException>(() => new NaturalPartitioner().Partition(devices, 3, new Random(1))).Message);
        Assert.Equal([[0], [1]], new NaturalPartitioner().Partition(devices, 2, new Random(1)));
    }
}
