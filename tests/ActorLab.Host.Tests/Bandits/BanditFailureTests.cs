using System.Globalization;
using ActorLab.Host.Bandits;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Bandits;

/// <summary>A policy that throws fails its bandit run, which keeps the checkpoints reached before.</summary>
public sealed class BanditFailureTests() : TempDirectoryTest("bandit-failure")
{
    [Fact]
    public async Task A_run_whose_policy_throws_at_step_6000_fails_and_keeps_its_curves_to_step_6000()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "plugin"), "BreakingPolicy", """
            using System;
            using ActorLab.Contracts.Bandits;
            using ActorLab.Contracts.Plugins;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry registry, PluginContext context) => registry.AddBanditPolicy("breaks", _ => new Breaks());
            }
            public sealed class Breaks : IBanditPolicy
            {
                public void Reset(BanditSetup setup) { }
                public int Select(long step, ReadOnlySpan<float> context, out double propensity)
                {
                    propensity = 1;
                    return step == 6000 ? throw new InvalidOperationException("policy bug at step 6000") : (int)(step % 2);
                }
                public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) { }
            }
            """);
        var bandits = $$"""{ "path": "{{Repo.Path("build", "plugins", "ActorLab.Plugins.Bandits", "ActorLab.Plugins.Bandits.dll")}}" }""";
        var manifest = PluginCompiler.WriteManifest(Dir, bandits, """{ "path": "plugin/BreakingPolicy.dll" }""");
        var scenario = Path.Combine(Dir, "s.json");
        File.WriteAllText(scenario, """
            { "kind": "bandit", "environment": { "name": "bernoulli", "options": { "means": [0.7, 0.3] } }, "policies": ["ucb1", "breaks"],
              "steps": 10000, "repetitions": 1, "batchSize": 500, "checkpoints": 10 }
            """);
        var request = new RunRequest(scenario, manifest, Path.Combine(Dir, "runs"), 2) { AllowExternalPlugins = true };

        var summary = await BanditLauncher.RunAsync(request, BanditLauncher.Prepare(request));

        Assert.Equal("failed", summary.Status);
        Assert.Contains("policy bug at step 6000", summary.Failure);
        Assert.Equal((1, 6000L), (summary.CurveRepetitions, summary.CurveSteps));
        var steps = Enumerable.Range(1, 6).Select(c => (c * 1000).ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([.. steps, .. steps], File.ReadAllLines(Path.Combine(summary.RunDirectory, "regret.csv")).Skip(1).Select(l => l.Split(',')[1]));
        var pulls = File.ReadAllLines(Path.Combine(summary.RunDirectory, "pulls.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["3000", "3000"], pulls.Where(p => p[0] == "breaks").Select(p => p[2])); // arms 0 and 1 in turn, to step 6000
    }
}
