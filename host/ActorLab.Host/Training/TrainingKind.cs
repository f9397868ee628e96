using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Training;

/// <summary>The <c>training</c> kind: data-parallel trainers (CPU or CUDA) fitting one model, judged by test accuracy.</summary>
public sealed class TrainingKind() : SimulationKind(KindName, new("test_accuracy", "test accuracy", true, "epoch"))
{
    /// <summary>The scenario's <c>kind</c>.</summary>
    public const string KindName = "training";

    /// <inheritdoc />
    public override Type ScenarioRecord => typeof(TrainingScenario);

    /// <inheritdoc />
    public override PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null)
    {
        Torch.TorchRuntime.Initialize();
        var bound = TrainingScenarioBinder.Bind(scenario);
        ComponentCheck.Run(bound, catalog);
        return new TrainingRun(this, TrainingPlan.Build(bound, catalog), null);
    }

    /// <summary>Binds and checks the components; the data is loaded only by <see cref="Prepare"/>.</summary>
    public override void Check(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request) =>
        ComponentCheck.Run(TrainingScenarioBinder.Bind(scenario), catalog);
}
