using System.Diagnostics;
using ActorLab.Contracts.Bandits;
using ActorLab.Host.Hosting;
using ActorLab.Host.Results;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Host.Simulation.Repetitions;

namespace ActorLab.Host.Bandits;

/// <summary>
/// A prepared bandit run: the repetitions in an actor system, then regret.csv, pulls.csv, regret.png (and the step
/// log when asked); optionally the same work replayed in a plain single-threaded loop as the baseline. A cancelled or
/// failed run writes what it kept (<see cref="RepetitionCheckpoints{T}.Kept"/>).
/// </summary>
public sealed class BanditRun(ISimulationKind kind, BanditPlan plan, Action<RepetitionProgress>? observer)
    : RepetitionRun<EnvironmentActor.CheckpointReached, BanditOutcome>(kind, plan.Scenario.Name, plan.Scenario.Seed, plan.Scenario.FilePath, plan.Catalog,
        plan.Scenario.Repetitions, plan.Scenario.Steps, "step", observer, (akka, run) => akka.AddBanditSupervisorActor(plan, run))
{
    /// <summary>The plan it runs.</summary>
    public BanditPlan Plan { get; } = plan;

    /// <inheritdoc />
    protected override RunResult Write(RunContext context, SimulationResult<BanditOutcome> result, BanditOutcome? outcome, double wall)
    {
        var scenario = Plan.Scenario;
        var request = context.Request;
        var folder = context.Folder;
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
