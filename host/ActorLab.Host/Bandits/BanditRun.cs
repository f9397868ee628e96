using System.Diagnostics;
using ActorLab.Contracts.Bandits;
using ActorLab.Host.Hosting;
using ActorLab.Host.Results;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Bandits;

/// <summary>
/// A prepared bandit run: the repetitions in an actor system, then regret.csv, pulls.csv, regret.png (and the step
/// log when asked); optionally the same work replayed in a plain single-threaded loop as the baseline. A cancelled or
/// failed run writes what it kept (<see cref="RepetitionCheckpoints{T}.Kept"/>).
/// </summary>
public sealed class BanditRun(ISimulationKind kind, BanditPlan plan, Action<RepetitionProgress>? observer)
    : PipelineRun(kind, plan.Scenario.Name, plan.Scenario.Seed, plan.Scenario.FilePath, plan.Catalog)
{
    /// <summary>The plan it runs.</summary>
    public BanditPlan Plan { get; } = plan;

    /// <inheritdoc />
    public override double ProgressTotal => Plan.Scenario.Repetitions;

    /// <inheritdoc />
    public override async Task<RunResult> RunInAsync(RunContext context, CancellationToken cancellationToken)
    {
        var scenario = Plan.Scenario;
        var request = context.Request;
        var folder = context.Folder;
        var lines = RepetitionProgressLines.Reporter(context.Progress, scenario.Repetitions, "step");
        var completion = new TaskCompletionSource<BanditOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpoints = new RepetitionCheckpoints<EnvironmentActor.CheckpointReached>(scenario.Steps);
        var clock = Stopwatch.StartNew();
        var result = await SimulationRunner.HostUntilDoneAsync(new SimulationOptions(request.Workers),
            akka => akka.AddBanditSupervisorActor(Plan, completion, checkpoints, p =>
            {
                observer?.Invoke(p);
                lines(p);
            }, context.RunId), completion, cancellationToken);
        var wall = clock.Elapsed.TotalSeconds;
        var outcome = result.Outcome ?? BanditOutcome.Of(checkpoints, wall); // the actors are gone: what they recorded is final
        var completed = result.Outcome is not null;
        var totalSteps = (long)(outcome?.Repetitions.Count ?? 0) * scenario.Policies.Count * (outcome?.Steps ?? 0);
        double? baseline = scenario.Baseline && completed ? BaselineStepsPerSecond(totalSteps) : null;
        var curves = outcome is null ? [] : BanditResults.Curves(scenario, outcome);
        var finals = curves.GroupBy(c => c.Policy).ToDictionary(g => g.Key, g => g.Last());
        var summary = new BanditSummary(context.RunId, scenario.Name, BanditKind.KindName, scenario.Seed, result.Status, result.Failure,
            scenario.Repetitions, scenario.Steps,
            finals.ToDictionary(kv => kv.Key, kv => kv.Value.PseudoRegretMean),
            finals.ToDictionary(kv => kv.Key, kv => kv.Value.PseudoRegretCi),
            totalSteps, wall, outcome is null ? 0 : totalSteps / outcome.Seconds, baseline, request.Workers, folder)
        {
            CurveRepetitions = outcome?.Repetitions.Count ?? 0,
            CurveSteps = outcome?.Steps ?? 0,
        };
        if (outcome is not null)
        {
            BanditResults.Write(folder, scenario, outcome, curves, summary);
            if (completed && scenario.LogSteps > 0)
            {
                BanditLogExport.Write(Plan, folder);
            }
        }

        return new BanditRunResult(summary, curves);
    }

    /// <summary>The same repetitions and policies, one after the other on this thread: the benchmark's baseline.</summary>
    private double BaselineStepsPerSecond(long totalSteps)
    {
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < Plan.Scenario.Repetitions; r++)
        {
            for (var p = 0; p < Plan.Scenario.Policies.Count; p++)
            {
                var environment = Plan.CreateEnvironment(r, out var setup);
                var policy = Plan.CreatePolicy(p, setup);
                BanditSteps.Run(environment, policy, 0, Plan.Scenario.Steps, new BanditTotals(environment.Arms), Plan.Scenario.Hindsight);
            }
        }

        return totalSteps / clock.Elapsed.TotalSeconds;
    }
}
