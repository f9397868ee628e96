using System.Text.Json;
using ActorLab.Host.Scenarios;
using static ActorLab.Host.Scenarios.ScenarioBinding;

namespace ActorLab.Host.Experiments;

/// <summary>Binds a validated <c>experiment</c> scenario into an <see cref="ExperimentScenario"/>.</summary>
public static class ExperimentScenarioBinder
{
    /// <summary>Loads and checks an experiment scenario.</summary>
    public static ExperimentScenario Load(string path) => Bind(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated experiment scenario.</summary>
    public static ExperimentScenario Bind(ScenarioDocument document) => document.Bind(ExperimentKind.KindName, Bind);

    private static ExperimentScenario Bind(string path, JsonElement root) =>
        new(path, Name(path, root), Seed(root), Component(root.GetProperty("experiment"), "$.experiment"));
}
