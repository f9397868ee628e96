using ActorLab.Host.Cli;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Federated;

/// <summary>The <c>federated</c> kind: a server and simulated clients training one model by rounds, judged by test accuracy.</summary>
public sealed class FederatedKind() : SimulationKind(KindName, new("test_accuracy", "test accuracy", true, "round"))
{
    /// <summary>The scenario's <c>kind</c>.</summary>
    public const string KindName = "federated";

    /// <inheritdoc />
    public override Type ScenarioRecord => typeof(FederatedScenario);

    /// <inheritdoc />
    public override bool RunsOnCluster => true;

    /// <inheritdoc />
    public override PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null)
    {
        var bound = FederatedScenarioBinder.Bind(scenario);
        if (bound.Faults.NodeKills.Count > 0 && request.Cluster is null)
        {
            throw new InputFileException(bound.FilePath, "$.faults.nodeKills: kills worker nodes of a distributed run; run it with --cluster, or remove nodeKills");
        }

        // The journal's first start costs seconds of JIT: done on a spare core while the data loads (JournalWarmUp).
        var warmUp = Resume.JournalWarmUp.Start(request.Journal);
        return new FederatedRun(this, RunLauncher.Prepare(bound, catalog, status).Plan, warmUp);
    }

    /// <summary>Binds and checks the components; the data is loaded and partitioned only by <see cref="Prepare"/>.</summary>
    public override void Check(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request) =>
        ComponentCheck.Run(FederatedScenarioBinder.Bind(scenario), catalog);
}
