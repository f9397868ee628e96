using System.Text.Json;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Resume;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>What resume refuses, and the message that says why.</summary>
public sealed class ResumeRefusalTests() : TempDirectoryTest("resume-refusals")
{
    private static readonly Lazy<PluginCatalog> Catalog = new(() => PluginCatalogLoader.Load(Repo.Manifest));

    [Fact]
    public void Unknown_run_points_to_the_list()
    {
        var ex = Assert.Throws<UnknownRunException>(() => ResumeLauncher.Locate("nope", Dir, Path.Combine(Dir, "none.duckdb")));
        Assert.Contains("actorlab runs list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Completed_run_is_refused()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "done")).FullName;
        File.WriteAllText(Path.Combine(folder, "summary.json"), """{ "status": "completed" }""");
        var ex = Assert.Throws<ResumeException>(() => ResumeLauncher.Locate("done", Dir, Path.Combine(Dir, "none.duckdb")));
        Assert.Contains("already complete", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_without_a_journal_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "plain"));
        var ex = Assert.Throws<ResumeException>(() => ResumeLauncher.Locate("plain", Dir, Path.Combine(Dir, "none.duckdb")));
        Assert.Contains(ResumeRecord.FileName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_plugin_is_refused_by_name()
    {
        var pins = ResumeRecord.PinsOf(Catalog.Value);
        var changed = pins.Select(p => p.Name == "ActorLab.Plugins.Federated" ? p with { Version = "0.0.1" } : p).ToList();
        var record = new ResumeRecord("federated", 1, "x.json", "sqlite", changed);
        var differences = record.PluginDifferences(pins);
        Assert.Single(differences);
        Assert.Contains("'ActorLab.Plugins.Federated' was 0.0.1", differences[0], StringComparison.Ordinal);
        Assert.Empty((record with { Plugins = pins }).PluginDifferences(pins));
        Assert.Contains("assembly changed", (record with { Plugins = [pins[0] with { Sha256 = "00" }, .. pins.Skip(1)] }).PluginDifferences(pins)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_strategy_in_the_repo_declares_its_state()
    {
        foreach (var name in Catalog.Value.NamesOf<IAggregationStrategy>())
        {
            var strategy = Catalog.Value.Create<IAggregationStrategy>(name, ComponentOptions.Empty);
            Assert.True(StatefulComponentCheck.UndeclaredState(strategy).Count == 0, $"{name}: {string.Join(", ", StatefulComponentCheck.UndeclaredState(strategy))}");
            if (strategy is IClientAwareStrategy clientAware)
            {
                var algorithm = clientAware.CreateClientAlgorithm();
                Assert.True(StatefulComponentCheck.UndeclaredState(algorithm).Count == 0, $"{name}'s client: {string.Join(", ", StatefulComponentCheck.UndeclaredState(algorithm))}");
                (algorithm as IDisposable)?.Dispose();
            }
        }
    }

    [Fact]
    public void Strategy_with_undeclared_state_is_named_with_its_fields()
    {
        Assert.Equal(["RunningMean._helper.Count", "RunningMean._sum"], StatefulComponentCheck.UndeclaredState(new RunningMean(0.5)));
        Assert.Empty(StatefulComponentCheck.UndeclaredState(new Stateless(0.5)));
    }

    [Fact]
    public void Resume_record_round_trips_and_keeps_no_connection_string()
    {
        var scenario = Path.Combine(Dir, "s.json");
        File.WriteAllText(scenario, "{}");
        ResumeRecord.Write(Dir, scenario, 3, "postgresql", Catalog.Value, ActorLab.Host.Torch.TorchRuntime.Initialize().MklKernels);
        var record = ResumeRecord.Read(Dir)!;
        Assert.Equal(3, record.Seed);
        Assert.Equal("postgresql", record.Journal);
        Assert.Empty(record.PluginDifferences(ResumeRecord.PinsOf(Catalog.Value)));
        Assert.True(File.Exists(Path.Combine(Dir, ResumeRecord.ScenarioCopy)));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, ResumeRecord.FileName)));
        Assert.DoesNotContain("connection", json.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
        _ = ResultsJson.Options;
    }

    /// <summary>Keeps a sum across rounds without declaring it.</summary>
    private sealed class RunningMean(double weight) : IAggregationStrategy
    {
        private readonly Helper _helper = new();
        private double _sum;

        public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
        {
            _sum += weight;
            _helper.Count++;
            return global.ToArray();
        }
    }

    private sealed class Helper
    {
        public int Count { get; set; }
    }

    /// <summary>Options only.</summary>
    private sealed class Stateless(double weight) : IAggregationStrategy
    {
        private readonly double _weight = weight;

        public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
            global.ToArray().Select(v => (float)(v * _weight)).ToArray();
    }
}
