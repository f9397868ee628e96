using System.Text.Json;
using ActorLab.Host.Scenarios;
using static ActorLab.Host.Scenarios.ScenarioBinding;

namespace ActorLab.Host.AgentTraining;

/// <summary>Binds a validated <c>agent-training</c> scenario into an <see cref="AgentTrainingScenario"/>.</summary>
public static class AgentTrainingScenarioBinder
{
    /// <summary>Loads and checks an agent-training scenario.</summary>
    public static AgentTrainingScenario Load(string path) => Bind(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated agent-training scenario.</summary>
    public static AgentTrainingScenario Bind(ScenarioDocument document) => document.Bind(AgentTrainingKind.KindName, Bind);

    private static AgentTrainingScenario Bind(string path, JsonElement root) =>
        new(path, Name(path, root), Seed(root), Component(root.GetProperty("trainer"), "$.trainer"), root.GetProperty("output").GetString()!);
}
