using System.Text.Json;
using ActorLab.Contracts.Games;
using ActorLab.Host.Scenarios;
using static ActorLab.Host.Scenarios.ScenarioBinding;

namespace ActorLab.Host.Games;

/// <summary>Binds a validated <c>game</c> scenario into a <see cref="GameScenario"/>.</summary>
public static class GameScenarioBinder
{
    /// <summary>Loads and checks a game scenario.</summary>
    public static GameScenario Load(string path) => Bind(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated game scenario.</summary>
    public static GameScenario Bind(ScenarioDocument document) => document.Bind(GameKind.KindName, Bind);

    private static GameScenario Bind(string path, JsonElement root)
    {
        var hasGame = root.TryGetProperty("game", out _);
        var hasSequence = root.TryGetProperty("sequence", out _);
        if (hasGame == hasSequence)
        {
            throw new ScenarioException(path, [new ScenarioError("$", "a game scenario names exactly one of \"game\" (a repeated normal-form game) or \"sequence\" (online learning against a loss sequence)")]);
        }

        var feedback = root.TryGetProperty("feedback", out var f) ? f.GetString() : "full";
        return new GameScenario(
            FilePath: path,
            Name: Name(path, root),
            Seed: Seed(root),
            Game: hasGame ? Component(root.GetProperty("game"), "$.game") : null,
            Sequence: hasSequence ? Component(root.GetProperty("sequence"), "$.sequence") : null,
            Agents: Labelled(path, root, "players").Select(p => new GameAgentChoice(p.Label, p.Component)).ToList(),
            Rounds: root.GetProperty("rounds").GetInt64(),
            Repetitions: Int(root, "repetitions") ?? 10,
            Feedback: feedback switch
            {
                "sampled" => Feedback.Sampled,
                "bandit" => Feedback.Bandit,
                _ => Feedback.Full,
            },
            BatchSize: Int(root, "batchSize") ?? 10_000,
            Checkpoints: Int(root, "checkpoints") ?? 100,
            Baseline: Bool(root, "baseline") ?? false);
    }
}
