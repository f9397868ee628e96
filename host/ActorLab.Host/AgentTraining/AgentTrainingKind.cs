using ActorLab.Contracts.Games;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.AgentTraining;

/// <summary>
/// The <c>agent-training</c> kind: trains a game agent offline (the regret-loss transformer) and saves the checkpoint a
/// game scenario's agent loads; judged by its final training loss.
/// </summary>
public sealed class AgentTrainingKind() : SimulationKind(KindName, new("loss", "training loss", false, "step"))
{
    /// <summary>The scenario's <c>kind</c>.</summary>
    public const string KindName = "agent-training";

    /// <inheritdoc />
    public override Type ScenarioRecord => typeof(AgentTrainingScenario);

    /// <inheritdoc />
    public override PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null)
    {
        var bound = AgentTrainingScenarioBinder.Bind(scenario);
        ComponentCheck.Run(bound, catalog);
        Torch.TorchRuntime.Initialize();
        return new AgentTrainingRun(this, bound, catalog.Create<IAgentTrainer>(bound.Trainer.Name, bound.Trainer.Options), catalog);
    }
}
