using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Simulation.Kinds;

/// <summary>
/// One kind of simulation (DESIGN principle 0): it binds and checks its scenario, builds its plan and hands back a
/// <see cref="PreparedRun"/> that runs its actors and writes its own result files. Everything the kinds share (run
/// folder, database row, summary.json, report, progress, exit codes, <c>--json</c>, sweeps) is written once, by
/// <see cref="RunPipeline"/> and the commands; <see cref="Hosting.SimulationKinds"/> lists the kinds.
/// </summary>
public interface ISimulationKind
{
    /// <summary>The scenario's <c>kind</c> that selects this kind ("bandit").</summary>
    string Name { get; }

    /// <summary>The metric a run of this kind is judged by: the database's headline and a sweep's comparison.</summary>
    HeadlineMetric Headline { get; }

    /// <summary>Whether <c>--cluster</c> can spread its runs over an Akka.Cluster's worker nodes.</summary>
    bool RunsOnCluster { get; }

    /// <summary>
    /// The record its scenarios are bound into (<see cref="Scenarios.ScenarioJson"/>), whose initialisers are the
    /// defaults <c>actorlab schema</c> writes into the kind's fragment of the scenario schema; null: none to write.
    /// </summary>
    Type? ScenarioRecord => null;

    /// <summary>
    /// A JSON Schema for this kind's scenarios when it is not one of the kinds schemas/scenario.schema.json describes (a
    /// library's or a test's own kind); null: the scenario schema checks it.
    /// </summary>
    string? OwnScenarioSchema { get; }

    /// <summary>
    /// Binds the (already validated) scenario, checks its components against <paramref name="catalog"/> and builds the
    /// plan. Throws input errors only (a missing component, bad options, unreadable data); nothing has run yet.
    /// </summary>
    PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null);

    /// <summary>
    /// Checks a scenario as <see cref="Prepare"/> would, without the costly part (a sweep checks every generated
    /// scenario before its first run, but loads a run's data only when it starts).
    /// </summary>
    void Check(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request);
}
