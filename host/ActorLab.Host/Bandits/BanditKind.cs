using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Bandits;

/// <summary>The <c>bandit</c> kind: policies facing a seeded environment's stream, repeated, judged by pseudo-regret.</summary>
public sealed class BanditKind() : SimulationKind(KindName, new("pseudo_regret_mean", "pseudo-regret", false, "step"))
{
    /// <summary>The scenario's <c>kind</c>.</summary>
    public const string KindName = "bandit";

    /// <inheritdoc />
    public override Type ScenarioRecord => typeof(BanditScenario);

    /// <inheritdoc />
    public override PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null) =>
        new BanditRun(this, BanditLauncher.Prepare(BanditScenarioBinder.Bind(scenario), catalog), null);
}
