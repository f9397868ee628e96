using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Games;

/// <summary>An agent that throws mid-game fails its run with the message; its partner at the round barrier is released, nothing hangs.</summary>
public sealed class GameFaultTests() : TempDirectoryTest("game-fault")
{
    [Fact]
    public void An_agent_that_throws_in_round_500_fails_the_run_without_hanging_its_partner()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "faulty"), "FaultyAgent", """
            using System;
            using ActorLab.Contracts.Games;
            using ActorLab.Contracts.Plugins;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry registry, PluginContext context) => registry.AddGameAgent("explodes", _ => new Explodes());
            }
            public sealed class Explodes : IGameAgent
            {
                public void Reset(AgentSetup setup) { }
                public void Strategy(long round, Span<double> strategy)
                {
                    if (round == 500) throw new InvalidOperationException("agent bug in round 500");
                    strategy.Fill(1.0 / strategy.Length);
                }
                public void Observe(long round, ReadOnlySpan<double> losses) { }
                public void ObserveBandit(long round, int action, double loss, double probability) { }
            }
            """);
        var games = $$"""{ "path": "{{Repo.Path("build", "plugins", "ActorLab.Plugins.Games", "ActorLab.Plugins.Games.dll")}}" }""";
        var manifest = PluginCompiler.WriteManifest(Dir, games, """{ "path": "faulty/FaultyAgent.dll" }""");
        var scenario = Path.Combine(Dir, "s.json");
        File.WriteAllText(scenario, """
            { "kind": "game", "game": "rock-paper-scissors", "players": [ "hedge", "explodes" ], "rounds": 2000, "repetitions": 3, "batchSize": 1000 }
            """);

        var result = Support.Cli.Run(Dir, null, "run", scenario, "--plugins", manifest, "--allow-external-plugins", "--output", Path.Combine(Dir, "runs"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run failed: InvalidOperationException: agent bug in round 500", result.Stderr);
        Assert.Contains("\"status\": \"failed\"", File.ReadAllText(Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(Dir, "runs"))), "summary.json")));
    }
}
