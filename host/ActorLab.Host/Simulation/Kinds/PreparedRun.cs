using ActorLab.Host.Plugins;

namespace ActorLab.Host.Simulation.Kinds;

/// <summary>
/// A scenario bound, checked and planned by its <see cref="ISimulationKind"/>, ready to run: only plugin failures,
/// cancellation and the run's own policies can stop it from here on. Most kinds derive <see cref="PipelineRun"/>.
/// </summary>
public abstract class PreparedRun(ISimulationKind kind, string scenarioName, int seed, string scenarioPath, PluginCatalog catalog)
{
    /// <summary>The kind that prepared it.</summary>
    public ISimulationKind Kind { get; } = kind;

    /// <summary>The scenario's name (its file name when it names none).</summary>
    public string ScenarioName { get; } = scenarioName;

    /// <summary>The run seed.</summary>
    public int Seed { get; } = seed;

    /// <summary>The scenario file (copied into the run folder).</summary>
    public string ScenarioPath { get; } = scenarioPath;

    /// <summary>The plugins the run uses (recorded with its database row).</summary>
    public PluginCatalog Catalog { get; } = catalog;

    /// <summary>Units of work a progress bar counts to (rounds, repetitions, epochs).</summary>
    public abstract double ProgressTotal { get; }

    /// <summary>Runs it from start to finish under <see cref="RunRequest.RunsRoot"/>: folder, database row, summary.json, report.</summary>
    public abstract Task<RunResult> RunAsync(RunRequest request, RunProgress? progress = null, CancellationToken cancellationToken = default);
}
