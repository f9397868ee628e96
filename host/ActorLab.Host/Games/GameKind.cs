using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Games;

/// <summary>The <c>game</c> kind: agents playing a normal-form game (or facing a loss sequence), judged by external regret.</summary>
public sealed class GameKind() : SimulationKind(KindName, new("external_regret_mean", "external regret", false, "round"))
{
    /// <summary>The scenario's <c>kind</c>.</summary>
    public const string KindName = "game";

    /// <inheritdoc />
    public override Type ScenarioRecord => typeof(GameScenario);

    /// <inheritdoc />
    public override PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null)
    {
        Torch.TorchRuntime.Initialize(); // transformer agents run libtorch
        return new GameRun(this, GameLauncher.Prepare(GameScenarioBinder.Bind(scenario), catalog), null);
    }
}
