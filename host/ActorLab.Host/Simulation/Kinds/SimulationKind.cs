using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Simulation.Kinds;

/// <summary>The usual way to implement <see cref="ISimulationKind"/>: a name and a headline, and how to prepare a run.</summary>
/// <param name="name">The scenario's <c>kind</c> that selects it.</param>
/// <param name="headline">The metric its runs are compared by.</param>
public abstract class SimulationKind(string name, HeadlineMetric headline) : ISimulationKind
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public HeadlineMetric Headline { get; } = headline;

    /// <summary>Only the federated kind spreads over a cluster so far.</summary>
    public virtual bool RunsOnCluster => false;

    /// <summary>The kinds of the scenario schema need none.</summary>
    public virtual string? OwnScenarioSchema => null;

    /// <summary>By default checking is preparing (cheap for kinds that load no data).</summary>
    public virtual void Check(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request) => Prepare(scenario, catalog, request);

    /// <inheritdoc />
    public virtual Type? ScenarioRecord => null;

    /// <inheritdoc />
    public abstract PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null);
}
