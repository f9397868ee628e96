using System.Text.Json;
using ActorLab.Host.Scenarios;
using static ActorLab.Host.Scenarios.ScenarioBinding;

namespace ActorLab.Host.Bandits;

/// <summary>Binds a validated <c>bandit</c> scenario into a <see cref="BanditScenario"/>.</summary>
public static class BanditScenarioBinder
{
    /// <summary>Loads and checks a bandit scenario.</summary>
    public static BanditScenario Load(string path) => Bind(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated bandit scenario.</summary>
    public static BanditScenario Bind(ScenarioDocument document) => document.Bind(BanditKind.KindName, Bind);

    private static BanditScenario Bind(string path, JsonElement root) =>
        new(
            FilePath: path,
            Name: Name(path, root),
            Seed: Seed(root),
            Environment: Component(root, "environment", "bernoulli"),
            Policies: Labelled(path, root, "policies").Select(p => new BanditPolicyChoice(p.Label, p.Component)).ToList(),
            Steps: root.GetProperty("steps").GetInt64(),
            Repetitions: Int(root, "repetitions") ?? 10,
            BatchSize: Int(root, "batchSize") ?? 10_000,
            Checkpoints: Int(root, "checkpoints") ?? 100,
            Hindsight: Bool(root, "hindsight") ?? false,
            Baseline: Bool(root, "baseline") ?? false)
        {
            Dataset = root.TryGetProperty("dataset", out var dataset) ? Dataset(dataset).Choice : null,
            LogSteps = root.TryGetProperty("logSteps", out var logSteps) ? logSteps.GetInt64() : 0,
        };
}
