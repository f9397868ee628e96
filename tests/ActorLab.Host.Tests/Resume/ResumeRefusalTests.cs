using ActorLab.Host.Federated;
using System.Text.Json;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Resume;
using ActorLab.Host.Scenarios;
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
        Assert.True(Directory.Exists(Path.Combine(Dir, "plain")), "a folder no killed run left behind is not removed");
        Assert.False(File.Exists(RunFolderLock.PathOf(Path.Combine(Dir, "plain"))));
    }

    [Fact]
    public void Run_killed_before_its_first_checkpoint_is_said_so_and_its_empty_folder_removed()
    {
        // What a run killed right after taking its folder leaves: its lock, whose process is gone, and no resume.json.
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "killed")).FullName;
        File.WriteAllText(RunFolderLock.PathOf(folder), JsonSerializer.Serialize(RunLockOwner.Current("run") with { Pid = 2_000_000_000 }, ResultsJson.Options));
        var ex = Assert.Throws<ResumeException>(() => ResumeLauncher.Locate("killed", Dir, Path.Combine(Dir, "none.duckdb")));
        Assert.Contains("was killed before its first checkpoint", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("journal", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Run_with_its_journal_off_is_refused_as_such()
    {
        var (folder, scenario) = RunFolder("off", "off");
        var ex = Assert.Throws<ResumeException>(() => ResumeLauncher.Locate("off", Dir, Path.Combine(Dir, "none.duckdb")));
        Assert.Contains("ran with its journal off", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"actorlab run {Path.GetFullPath(scenario)}", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(RunFolderLock.PathOf(folder)), "a refused resume leaves no lock");
    }

    [Fact]
    public void Edited_scenario_copy_is_refused_naming_each_changed_setting()
    {
        var (folder, scenario) = RunFolder("edited", "sqlite");
        File.WriteAllText(Path.Combine(folder, "scenario.json"), RunDirectory.ResolvedScenarioJson(FederatedScenarioBinder.Load(scenario)));
        var copy = Path.Combine(folder, ResumeRecord.ScenarioCopy);
        using (var unchanged = ResumeLauncher.Locate("edited", Dir, Path.Combine(Dir, "none.duckdb")))
        {
            Assert.NotNull(unchanged.Record.ScenarioSha256); // as the run started: accepted
        }

        File.WriteAllText(copy, SmallRuns.MlpDirichlet.Replace("\"learningRate\": 0.1", "\"learningRate\": 0.05").Replace("\"rounds\": 3", "\"rounds\": 8"));
        var ex = Assert.Throws<ResumeException>(() => ResumeLauncher.Locate("edited", Dir, Path.Combine(Dir, "none.duckdb")));
        Assert.Contains($"{copy} changed since the run started (rounds: 3 -> 8; training.learningRate: 0.1 -> 0.05)", ex.Message, StringComparison.Ordinal);

        File.WriteAllText(copy, SmallRuns.MlpDirichlet + "\n"); // same settings, other bytes: still not the file the run started with
        Assert.Contains("though no setting in", Assert.Throws<ResumeException>(() => ResumeLauncher.Locate("edited", Dir, Path.Combine(Dir, "none.duckdb"))).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(RunFolderLock.PathOf(folder)), "a refused resume leaves no lock");
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

    /// <summary>A run folder <paramref name="name"/> as a run of <see cref="SmallRuns.MlpDirichlet"/> starts it, journaled by <paramref name="journal"/>.</summary>
    private (string Folder, string Scenario) RunFolder(string name, string journal)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Dir, name)).FullName;
        var scenario = Path.Combine(Dir, $"{name}.json");
        File.WriteAllText(scenario, SmallRuns.MlpDirichlet);
        ResumeRecord.Write(folder, scenario, 11, journal, Catalog.Value, ActorLab.Host.Torch.TorchRuntime.Initialize().MklKernels);
        return (folder, scenario);
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
