using System.Text.Json;
using ActorLab.Host.Games;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Games;

/// <summary>actorlab train-agent and the regret-loss transformer it trains, at reduced size.</summary>
public sealed class RegretTransformerTests() : TempDirectoryTest("regret-transformer")
{
    private string Train(int steps)
    {
        var checkpoint = Path.Combine(Dir, "ckpt", "rt.pt");
        var scenario = Path.Combine(Dir, "train.json");
        File.WriteAllText(scenario, $$"""
            { "kind": "agent-training", "seed": 3, "output": "{{checkpoint}}",
              "trainer": { "name": "regret-transformer", "options": { "actions": 4, "horizon": 40, "dModel": 16, "heads": 2, "sequences": 32, "steps": {{steps}}, "logEvery": 100 } } }
            """);
        // Agent training is a run like any other: its folder goes under -o, never into the repository's runs/.
        var result = Support.Cli.Run(Repo.Root, null, "train-agent", scenario, "--json", "-o", Path.Combine(Dir, "runs"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"step {steps}/{steps}", result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(steps, json.RootElement.GetProperty("steps").GetInt32());
        var folder = json.RootElement.GetProperty("runDirectory").GetString()!;
        Assert.StartsWith(Path.Combine(Dir, "runs"), folder, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "progress.csv")) && File.Exists(Path.Combine(folder, "summary.json")) && File.Exists(Path.Combine(folder, "report.html")));
        Assert.True(File.Exists(checkpoint) && File.Exists(checkpoint + ".json"));
        return checkpoint;
    }

    [Fact]
    public async Task A_briefly_trained_regret_transformer_is_sublinear_on_held_out_iid_sequences_and_beats_uniform()
    {
        var checkpoint = Train(steps: 300);
        var path = Path.Combine(Dir, "eval.json");
        File.WriteAllText(path, $$"""
            { "kind": "game", "seed": 11, "sequence": { "name": "iid", "options": { "actions": 4 } },
              "players": [ { "name": "regret-transformer", "options": { "checkpoint": "{{checkpoint}}" } }, "hedge", "uniform" ],
              "rounds": 40, "repetitions": 100, "batchSize": 40, "checkpoints": 8 }
            """);
        var request = new RunRequest(path, Repo.Manifest, Path.Combine(Dir, "runs"), 2);
        var summary = await GameLauncher.RunAsync(request, GameLauncher.Prepare(request));
        var agents = summary.Agents.ToDictionary(a => a.Agent);
        var transformer = agents["regret-transformer"];
        Assert.True(transformer.Sublinear, $"slope {transformer.Slope:F2} (upper {transformer.SlopeUpper:F2})");
        Assert.True(transformer.ExternalRegret < 0.5 * agents["uniform"].ExternalRegret,
            $"regret at T = 40: transformer {transformer.ExternalRegret:F2}, hedge {agents["hedge"].ExternalRegret:F2}, uniform {agents["uniform"].ExternalRegret:F2}");
    }

    [Fact]
    public void A_missing_or_mismatched_checkpoint_says_how_to_train_one()
    {
        var path = Path.Combine(Dir, "missing.json");
        File.WriteAllText(path, """
            { "kind": "game", "sequence": "iid", "rounds": 10, "players": [ { "name": "regret-transformer", "options": { "checkpoint": "nowhere.pt" } } ] }
            """);
        var error = Assert.ThrowsAny<Exception>(() => GameLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1)));
        Assert.Contains("actorlab train-agent", error.Message);

        var checkpoint = Train(steps: 5);
        File.WriteAllText(path, $$"""
            { "kind": "game", "sequence": { "name": "iid", "options": { "actions": 3 } }, "rounds": 10, "players": [ { "name": "regret-transformer", "options": { "checkpoint": "{{checkpoint}}" } } ] }
            """);
        error = Assert.ThrowsAny<Exception>(() => GameLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1)));
        Assert.Contains("trained for 4 actions", error.Message);
    }
}
