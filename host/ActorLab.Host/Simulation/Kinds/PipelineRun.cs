using ActorLab.Host.Plugins;

namespace ActorLab.Host.Simulation.Kinds;

/// <summary>
/// A prepared run whose folder, database row, summary.json and report are <see cref="RunPipeline"/>'s: the kind only
/// runs its actors and writes its own files.
/// </summary>
public abstract class PipelineRun(ISimulationKind kind, string scenarioName, int seed, string scenarioPath, PluginCatalog catalog)
    : PreparedRun(kind, scenarioName, seed, scenarioPath, catalog)
{
    /// <summary>What report.html's title says about the run besides its name and seed ("bandit", "experiment ope-study").</summary>
    public virtual string Description => Kind.Name;

    /// <summary>Runs the kind's actors into the folder and database row the pipeline opened, writing the kind's own files.</summary>
    public abstract Task<RunResult> RunInAsync(RunContext context, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override Task<RunResult> RunAsync(RunRequest request, RunProgress? progress = null, CancellationToken cancellationToken = default) =>
        RunPipeline.RunAsync(this, request, progress, cancellationToken);
}
