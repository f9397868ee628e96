using ActorLab.Contracts.Experiments;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Experiments;

/// <summary>The <c>experiment</c> kind: a self-contained numerical study of a paper's claim, run in one actor.</summary>
public sealed class ExperimentKind() : SimulationKind(KindName, new("findings", "findings", true, "table row"))
{
    /// <summary>The scenario's <c>kind</c>.</summary>
    public const string KindName = "experiment";

    /// <inheritdoc />
    public override Type ScenarioRecord => typeof(ExperimentScenario);

    /// <inheritdoc />
    public override PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null)
    {
        var bound = ExperimentScenarioBinder.Bind(scenario);
        ComponentCheck.Run(bound, catalog);
        return new ExperimentRun(this, new ExperimentPlan(bound, catalog.Create<IExperiment>(bound.Experiment.Name, bound.Experiment.Options), catalog), null);
    }
}
