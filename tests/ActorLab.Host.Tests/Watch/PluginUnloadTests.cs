using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;
using ActorLab.Contracts.Experiments;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Watch;

/// <summary>A reloadable plugin's load context is collectible and is released once unloaded and unused.</summary>
[Collection(Name)]
public sealed class PluginUnloadTests() : TempDirectoryTest("unload")
{
    /// <summary>Alone: unloading clears System.Text.Json's caches, which other tests use at the same time.</summary>
    public const string Name = "plugin unload";

    private const string Source = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using ActorLab.Contracts.Experiments;
        using ActorLab.Contracts.Plugins;

        public sealed class UnloadablePlugin : IActorLabPlugin
        {
            public void Register(IComponentRegistry registry, PluginContext context) =>
                registry.AddExperiment<CountOptions>("count", o => new Count(o), "reports its option");
        }

        public sealed record CountOptions
        {
            [Range(1, 10)]
            public int Times { get; init; } = 1;
        }

        public sealed class Count(CountOptions options) : IExperiment
        {
            public ExperimentResult Run(ExperimentContext context) =>
                new(new List<ExperimentTable>(), new List<string> { "times " + options.Times });
        }
        """;

    // Everything that touches the plugin's types stays in this frame, so that only the weak reference survives it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadRunAndUnload(string manifest)
    {
        var catalog = PluginCatalogLoader.Load(PluginManifestReader.Read(manifest), reloadable: true);
        var options = new ComponentOptions(JsonDocument.Parse("""{ "times": 3 }""").RootElement.Clone(), "$.experiment.options");
        var experiment = catalog.Create<IExperiment>("count", options);
        Assert.Equal("times 3", Assert.Single(experiment.Run(new ExperimentContext(1, null, CancellationToken.None)).Findings));
        var context = AssemblyLoadContext.GetLoadContext(experiment.GetType().Assembly)!;
        Assert.True(context.IsCollectible);
        catalog.Unload();
        return new WeakReference(context);
    }

    [Fact]
    public async Task An_unloaded_plugin_context_is_collected()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "plugin"), "UnloadablePlugin", Source,
            [.. PluginCompiler.Sdk, Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(System.ComponentModel.DataAnnotations.RangeAttribute).Assembly.Location)]);
        var manifest = PluginCompiler.WriteManifest(Dir, """{ "path": "plugin/UnloadablePlugin.dll" }""");

        var context = LoadRunAndUnload(manifest);
        // System.Text.Json keeps the member accessors it emitted for a second or so after their last use.
        for (var i = 0; i < 50 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(200);
        }

        Assert.False(context.IsAlive, "the unloaded plugin's load context is still referenced");
    }
}

/// <summary>Runs <see cref="PluginUnloadTests"/> on its own.</summary>
[CollectionDefinition(PluginUnloadTests.Name, DisableParallelization = true)]
public sealed class PluginUnloadCollection;
