using System.Globalization;
using System.Text.Json.Nodes;
using ActorLab.Host.Sweeps;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Sweeps;

public sealed class SweepTests() : TempDirectoryTest("sweep")
{
    [Fact]
    public void Axes_resolve_component_options_and_the_partition_alias()
    {
        var axis = SweepGrid.ParseAxis("partition.alpha=0.1,0.5");
        Assert.Equal(["partitioner", "options", "alpha"], axis.Segments);
        Assert.Equal([0.1, 0.5], axis.Values.Select(v => v!.GetValue<double>()));
        Assert.Equal(["strategy", "name"], SweepGrid.ParseAxis("strategy.name=fedavg,fedprox").Segments);
        Assert.Equal(["training", "learningRate"], SweepGrid.ParseAxis("training.learningRate=0.1").Segments);
        Assert.Contains("expected field=value1,value2", Assert.Throws<ArgumentException>(() => SweepGrid.ParseAxis("strategy")).Message);
    }

    [Fact]
    public void Points_are_the_cartesian_product_and_apply_rewrites_the_scenario()
    {
        var points = SweepGrid.Points([SweepGrid.ParseAxis("strategy.name=fedavg,fedprox"), SweepGrid.ParseAxis("strategy.mu=0.1,1")]);
        Assert.Equal(4, points.Count);
        Assert.Equal("strategy.name=fedprox strategy.mu=1", points[3].Label);

        var json = JsonNode.Parse(SweepGrid.Apply("""{ "seed": 1, "strategy": "fedavg", "rounds": 2 }""", points[3], seed: 7, name: "x"))!;
        Assert.Equal("fedprox", json["strategy"]!["name"]!.GetValue<string>());
        Assert.Equal(1, json["strategy"]!["options"]!["mu"]!.GetValue<int>());
        Assert.Equal(7, json["seed"]!.GetValue<int>());
        Assert.Equal(2, json["rounds"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_sweep_writes_runs_and_a_comparison_with_mean_and_std_over_seeds()
    {
        var scenario = Path.Combine(Dir, "base.json");
        File.WriteAllText(scenario, """
            { "name": "base", "kind": "federated", "seed": 1, "dataset": "digits", "model": "logistic-regression",
              "rounds": 2, "clients": { "total": 6, "perRound": 3 }, "training": { "learningRate": 0.2 } }
            """);
        var (folder, comparison) = await SweepRunner.RunAsync(scenario, [SweepGrid.ParseAxis("training.learningRate=0.05,0.3")], 2,
            Repo.Manifest, Dir, cores: 2);

        Assert.Equal(4, Directory.GetDirectories(Path.Combine(folder, "runs")).Length);
        var runs = File.ReadAllLines(Path.Combine(folder, "sweep.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(4, runs.Count);
        Assert.All(runs, r => Assert.Equal("completed", r[2]));
        Assert.Equal(["1", "1", "2", "2"], runs.Select(r => r[1]).Order());

        Assert.Equal(2, comparison.Count);
        foreach (var point in comparison)
        {
            var rate = SweepPoint.Text(point.Point.Settings[0].Value);
            var accuracies = runs.Where(r => r[0] == rate).Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal("final_accuracy", point.Values[0].Name);
            Assert.Equal(accuracies.Average(), point.Values[0].Mean, 12);
            var mean = accuracies.Average();
            Assert.Equal(Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1)), point.Values[0].Std, 12);
        }

        Assert.Equal(3, File.ReadAllLines(Path.Combine(folder, "comparison.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(folder, "comparison.png")).Length > 1000);
    }
}
