using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Federated;

/// <summary>
/// A prepared federated run. It keeps its own run folder (<see cref="Results.RunDirectory"/>: the run lock, resume.json
/// and the journal that <c>actorlab resume</c> continues from), so it runs through <see cref="RunLauncher"/>.
/// </summary>
public sealed class FederatedRun(ISimulationKind kind, FederatedRunPlan plan, Task? journalWarmUp = null)
    : PreparedRun(kind, plan.Scenario.Name, plan.Scenario.Seed, plan.Scenario.FilePath, plan.Catalog)
{
    /// <summary>The plan it runs.</summary>
    public FederatedRunPlan Plan { get; } = plan;

    /// <inheritdoc />
    public override double ProgressTotal => Plan.Scenario.Rounds;

    /// <inheritdoc />
    public override async Task<RunResult> RunAsync(RunRequest request, RunProgress? progress = null, CancellationToken cancellationToken = default)
    {
        // Whatever of the journal's warm-up is left finishes before the trainers start, not alongside them.
        await (journalWarmUp ?? Task.CompletedTask).WaitAsync(cancellationToken);
        return new FederatedRunResult(await RunLauncher.RunAsync(request, Plan, progress is null ? null : new RoundProgressLines(progress, Plan.Scenario.Rounds), cancellationToken));
    }
}
