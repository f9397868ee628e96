using ActorLab.Contracts;
using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Bandits;
using ActorLab.Host.Plugins;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ActorLab.Host.Tests.Plugins;

/// <summary>
/// Drop-in plugins built against ActorLab.Contracts 1.2 on a 2.x host: one that uses only what 2.0 kept loads and
/// runs; one that uses a type or member 2.0 moved into the host is refused, naming both versions and what it uses.
/// </summary>
public sealed class OlderContractsTests() : TempDirectoryTest("older-contracts")
{
    /// <summary>
    /// A stand-in ActorLab.Contracts 1.2.0.0: the 1.2 declarations the plugins below use, with 1.2's signatures (what
    /// a plugin's metadata records), and the types and members 2.0 removed (bodies do not matter: they never run).
    /// </summary>
    private const string Contracts12 = """
        namespace ActorLab.Contracts.Plugins
        {
            public sealed class ComponentOptions { }
            public sealed record PluginContext(string Name, string PluginDirectory, string ManifestDirectory, System.Text.Json.JsonElement Config);
            public interface IComponentRegistry
            {
                void Add<TContract>(string name, System.Func<ComponentOptions, TContract> factory, string? description = null) where TContract : class;
            }
            public interface IActorLabPlugin { void Register(IComponentRegistry registry, PluginContext context); }
            public static class ComponentRegistryExtensions
            {
                public static IComponentRegistry AddBanditPolicy(this IComponentRegistry registry, string name, System.Func<ComponentOptions, ActorLab.Contracts.Bandits.IBanditPolicy> factory, string? description = null) => registry;
            }
        }
        namespace ActorLab.Contracts.Bandits
        {
            public sealed record BanditSetup(int Arms, int ContextDimension, long Horizon, int Seed, int Repetition);
            public interface IBanditPolicy
            {
                void Reset(BanditSetup setup);
                int Select(long step, System.ReadOnlySpan<float> context, out double propensity);
                void Update(long step, int arm, double reward, System.ReadOnlySpan<float> context);
            }
            public interface IBanditEnvironment { }
            public sealed class BanditTotals(int arms) { public double Reward => arms; }
            public static class BanditSteps
            {
                public static void Run(IBanditEnvironment environment, IBanditPolicy policy, long first, long count, BanditTotals totals, bool trackHindsight = false) { }
            }
        }
        namespace ActorLab.Contracts.Games
        {
            public interface INormalFormGame { }
            public static class GameMath
            {
                public static int JointSize(INormalFormGame game) => 0;
                public static double NashConv(INormalFormGame game, System.Collections.Generic.IReadOnlyList<double[]> strategies) => 0;
            }
        }
        """;

    /// <summary>A 1.2 plugin that uses only interfaces, records and registry calls 2.0 kept: plays the arms in turn.</summary>
    private const string RoundRobin = """
        using System;
        using ActorLab.Contracts.Bandits;
        using ActorLab.Contracts.Plugins;
        public sealed class Entry : IActorLabPlugin
        {
            public void Register(IComponentRegistry registry, PluginContext context) =>
                registry.AddBanditPolicy("round-robin", _ => new RoundRobin(), "Plays arm t mod K");
        }
        public sealed class RoundRobin : IBanditPolicy
        {
            private int _arms;
            public void Reset(BanditSetup setup) => _arms = setup.Arms;
            public int Select(long step, ReadOnlySpan<float> context, out double propensity)
            {
                propensity = 1;
                return (int)(step % _arms);
            }
            public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) { }
        }
        """;

    private string Sdk12() => PluginCompiler.Compile(Path.Combine(Dir, "sdk12"), "ActorLab.Contracts", Contracts12, references: [], version: "1.2.0.0");

    private void CompileAgainst12(string name, string source) =>
        PluginCompiler.Compile(Path.Combine(Dir, name), name, source, references: [MetadataReference.CreateFromFile(Sdk12())]);

    private PluginLoadException LoadFails(string name) =>
        Assert.Throws<PluginLoadException>(() => PluginCatalogLoader.Load(PluginCompiler.WriteManifest(Dir, $$"""{ "path": "{{name}}/{{name}}.dll" }""")));

    [Fact]
    public async Task A_plugin_built_against_1_2_that_uses_only_kept_interfaces_loads_and_runs_a_bandit_scenario()
    {
        Assert.Equal(2, ContractsVersion.Major);
        CompileAgainst12("Legacy", RoundRobin);
        var manifest = PluginCompiler.WriteManifest(Dir,
            $$"""{ "path": "{{Repo.Path("build", "plugins", "ActorLab.Plugins.Bandits", "ActorLab.Plugins.Bandits.dll")}}" }""",
            """{ "path": "Legacy/Legacy.dll" }""");
        var catalog = PluginCatalogLoader.Load(manifest, allowExternal: true);

        // Its policy is an IBanditPolicy of the host's contracts: the runtime bound its 1.2 reference to 2.0.
        var policy = catalog.Create<IBanditPolicy>("round-robin", ComponentOptions.Empty);
        policy.Reset(new BanditSetup(3, 0, 6, 1, 0));
        Assert.Equal([0, 1, 2, 0, 1, 2], Enumerable.Range(0, 6).Select(t => policy.Select(t, [], out _)));

        var scenario = Path.Combine(Dir, "scenario.json");
        File.WriteAllText(scenario, """
            { "kind": "bandit", "seed": 3, "environment": { "name": "bernoulli", "options": { "means": [0.8, 0.5, 0.2] } },
              "policies": [ "round-robin", "ucb1" ], "steps": 3000, "repetitions": 2, "batchSize": 500, "checkpoints": 3 }
            """);
        var request = new RunRequest(scenario, manifest, Path.Combine(Dir, "runs"), 2) { AllowExternalPlugins = true };
        var summary = await BanditLauncher.RunAsync(request, BanditLauncher.Prepare(scenario, catalog));
        Assert.Equal("completed", summary.Status);

        // Each arm 1000 times per repetition: pseudo-regret (0.8 - 0.5) x 1000 + (0.8 - 0.2) x 1000, exactly.
        Assert.Equal(900, summary.FinalPseudoRegret["round-robin"], 9);
        Assert.True(summary.FinalPseudoRegret["ucb1"] < 900, $"ucb1 regret {summary.FinalPseudoRegret["ucb1"]}");
    }

    [Fact]
    public void A_plugin_built_against_1_2_that_uses_a_type_2_0_moved_into_the_host_is_refused_naming_it()
    {
        CompileAgainst12("Looper", RoundRobin.Replace(
            "public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) { }",
            "public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) { }\n    public static void Replay(IBanditEnvironment e, IBanditPolicy p) => BanditSteps.Run(e, p, 0, 10, new BanditTotals(3));"));
        var ex = LoadFails("Looper");
        Assert.Equal("Looper", ex.Plugin);
        Assert.Equal("$.plugins[0]: built against ActorLab.Contracts 1.2 and uses ActorLab.Contracts.Bandits.BanditSteps, ActorLab.Contracts.Bandits.BanditTotals, "
            + $"which ActorLab.Contracts 2.x moved into the host or removed; rebuild it against ActorLab.Contracts {ContractsVersion.Major}.{ContractsVersion.Minor}", ex.Reason);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_plugin_built_against_1_2_that_calls_a_member_2_0_removed_from_a_kept_type_is_refused_naming_the_member()
    {
        CompileAgainst12("Metrics", RoundRobin.Replace(
            "public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) { }",
            "public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) { }\n"
            + "    public static double Gap(ActorLab.Contracts.Games.INormalFormGame g) => ActorLab.Contracts.Games.GameMath.NashConv(g, []) + ActorLab.Contracts.Games.GameMath.JointSize(g);"));
        var ex = LoadFails("Metrics");
        Assert.Equal("$.plugins[0]: built against ActorLab.Contracts 1.2 and uses ActorLab.Contracts.Games.GameMath.NashConv, "
            + $"which ActorLab.Contracts 2.x moved into the host or removed; rebuild it against ActorLab.Contracts {ContractsVersion.Major}.{ContractsVersion.Minor}", ex.Reason);
    }

    [Fact]
    public void The_check_reads_type_and_member_references_without_loading_the_plugin()
    {
        CompileAgainst12("Reader", RoundRobin);
        using var stream = File.OpenRead(Path.Combine(Dir, "Reader", "Reader.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var contracts = reader.AssemblyReferences.Single(h => reader.GetString(reader.GetAssemblyReference(h).Name) == "ActorLab.Contracts");
        Assert.Empty(ContractsCompatibility.MissingReferences(reader, contracts));
        Assert.Null(ContractsCompatibility.Check(reader, contracts, new Version(1, 2, 0, 0)));
        Assert.Null(ContractsCompatibility.Check(reader, contracts, new Version(2, 0, 0, 0)));
        Assert.StartsWith("built against ActorLab.Contracts 0.9, this host supports 2.x", ContractsCompatibility.Check(reader, contracts, new Version(0, 9, 0, 0)));
        Assert.StartsWith("built against ActorLab.Contracts 3.0, this host supports 2.x", ContractsCompatibility.Check(reader, contracts, new Version(3, 0, 0, 0)));
    }
}
