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

    // Virtual here because a derived kind's own members would not be reached through the interface
    // (a class that inherits an interface from its base does not re-implement the interface's default members).

    /// <inheritdoc />
    public virtual bool RunsOnCluster => false;

    /// <inheritdoc />
    public virtual Type? ScenarioRecord => null;

    /// <inheritdoc />
    public abstract PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null);

    /// <inheritdoc />
    public virtual void Check(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request) => Prepare(scenario, catalog, request);
}
