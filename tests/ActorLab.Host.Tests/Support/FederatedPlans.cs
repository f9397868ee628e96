using ActorLab.Host.Federated;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Tests.Support;

/// <summary>Federated run plans for tests that drive the server's pieces directly, without the launcher.</summary>
public static class FederatedPlans
{
    /// <summary>Writes <paramref name="json"/> to <paramref name="path"/>, checks its components as a run does and builds its plan.</summary>
    public static FederatedRunPlan Build(string path, string json, PluginCatalog catalog)
    {
        File.WriteAllText(path, json);
        var scenario = FederatedScenarioBinder.Load(path);
        ComponentCheck.Run(scenario, catalog);
        return FederatedRunPlan.Build(scenario, catalog);
    }
}
