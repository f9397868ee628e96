using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Plugins;

/// <summary>A plugin that throws mid-run ends that run with a report; the host exits cleanly and keeps completed rounds.</summary>
public sealed class PluginFaultTests() : TempDirectoryTest("fault")
{
    [Fact]
    public void A_strategy_that_throws_in_round_2_fails_the_run_with_round_1_kept()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "faulty"), "Faulty", """
            using System;
            using System.Collections.Generic;
            using ActorLab.Contracts.Federated;
            using ActorLab.Contracts.Plugins;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry registry, PluginContext context) => registry.AddStrategy("explodes", _ => new Explodes());
            }
            public sealed class Explodes : IAggregationStrategy
            {
                public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
                    context.Round == 2 ? throw new InvalidOperationException("strategy bug in round 2") : updates[0].Parameters;
            }
            """);
        var manifest = PluginCompiler.WriteManifest(Dir, PluginCompiler.CorePluginEntry, """{ "path": "faulty/Faulty.dll" }""");
        var scenario = Path.Combine(Dir, "s.json");
        File.WriteAllText(scenario, """
            { "kind": "federated", "dataset": "digits", "model": "logistic-regression", "strategy": "explodes",
              "rounds": 3, "clients": { "total": 4, "perRound": 2 } }
            """);

        var runs = Path.Combine(Dir, "runs");
        var result = Support.Cli.Run(Dir, null, "run", scenario, "--plugins", manifest, "--allow-external-plugins", "--output", runs);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run failed: InvalidOperationException: strategy bug in round 2", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        var folder = Assert.Single(Directory.GetDirectories(runs));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Length); // header + round 1
        Assert.Contains("\"status\": \"failed\"", File.ReadAllText(Path.Combine(folder, "summary.json")));
        var log = File.ReadAllText(Path.Combine(folder, "errors.log"));
        Assert.StartsWith("[server] System.InvalidOperationException: strategy bug in round 2", log);
        Assert.Contains("Explodes.Aggregate", log);
        Assert.Contains("full exceptions in", result.Stderr);
    }
}
