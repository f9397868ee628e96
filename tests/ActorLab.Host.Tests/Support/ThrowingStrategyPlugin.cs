namespace ActorLab.Host.Tests.Support;

/// <summary>
/// A plugin whose strategy "throws" fails every aggregation with a message quoting what a careless plugin might: the
/// key in the variable its <c>apiKeyVariable</c> option names (as a server's 401 would echo it), and a path under the
/// current folder.
/// </summary>
public static class ThrowingStrategyPlugin
{
    /// <summary>The file name the strategy's message names, under the process's current folder.</summary>
    public const string CacheFile = "weights.bin";

    /// <summary>Compiles the plugin into <paramref name="dir"/> and returns a manifest with it and the core plugin.</summary>
    public static string Manifest(string dir)
    {
        PluginCompiler.Compile(Path.Combine(dir, "throwing"), "Throwing", $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using ActorLab.Contracts.Federated;
            using ActorLab.Contracts.Plugins;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry registry, PluginContext context) => registry.AddStrategy("throws",
                    o => new Throws(o.Raw.TryGetProperty("apiKeyVariable", out var v) ? Environment.GetEnvironmentVariable(v.GetString()!) : null));
            }
            public sealed class Throws(string? key) : IAggregationStrategy
            {
                public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
                    throw new InvalidOperationException($"upstream refused: Bearer {key}; cache {Path.Combine(Environment.CurrentDirectory, "{{CacheFile}}")}");
            }
            """);
        return PluginCompiler.WriteManifest(dir, PluginCompiler.CorePluginEntry, """{ "path": "throwing/Throwing.dll" }""");
    }

    /// <summary>A small federated scenario aggregating with "throws" (<paramref name="keyVariable"/> as its apiKeyVariable).</summary>
    public static string Scenario(string dir, string keyVariable)
    {
        var path = Path.Combine(dir, "throwing.json");
        File.WriteAllText(path, $$"""
            { "kind": "federated", "dataset": "digits", "model": "logistic-regression",
              "strategy": { "name": "throws", "options": { "apiKeyVariable": "{{keyVariable}}" } },
              "rounds": 2, "clients": { "total": 4, "perRound": 2 } }
            """);
        return path;
    }
}
