using System.Diagnostics;
using System.Globalization;
using ActorLab.Contracts.Bandits;
using ActorLab.Host.Hosting;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Bandits;

/// <summary>
/// One bandit run from files to results: load plugins and scenario, run the repetitions in an actor system,
/// write the run folder; optionally replay the same work in a plain single-threaded loop as the baseline.
/// </summary>
public static class BanditLauncher
{

    /// <summary>Checks inputs and returns the plan; throws input errors.</summary>
    public static BanditPlan Prepare(RunRequest request) =>
        Prepare(request.ScenarioPath, PluginCatalogLoader.Load(request.ManifestPath, request.AllowExternalPlugins));

    /// <summary>Checks the scenario against plugins already loaded and returns the plan; throws input errors.</summary>
    public static BanditPlan Prepare(string scenarioPath, PluginCatalog catalog)
    {
        var scenario = ScenarioLoader.LoadBandit(scenarioPath);
        ScenarioLoader.CheckComponents(scenario, catalog);
        var plan = new BanditPlan(scenario, catalog);
        // Components' own option errors surface here, before any actor.
        var setup = ComponentSetup.Checked(scenario.Environment.Options.JsonPath, () =>
        {
            plan.CreateEnvironment(0, out var created);
            return created;
        }, scenario.Environment.Options);
        for (var p = 0; p < scenario.Policies.Count; p++)
        {
            var policy = p;
            var options = scenario.Policies[p].Component.Options;
            ComponentSetup.Checked(options.JsonPath, () => plan.CreatePolicy(policy, setup), options);
        }

        return plan;
    }

    /// <summary>
    /// Runs the plan and writes runs/&lt;run-id&gt;/; <paramref name="progress"/> hears each completed repetition and each
    /// further tenth of the horizon. A cancelled or failed run writes what it kept (<see cref="RepetitionCheckpoints{T}.Kept"/>).
    /// </summary>
    public static async Task<BanditSummary> RunAsync(RunRequest request, BanditPlan plan, Action<RepetitionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var scenario = plan.Scenario;
        var folder = Results.RepetitionRunFolder.Create(request.RunsRoot, scenario.Name, scenario.Seed, scenario.FilePath);
        var recorder = Results.Database.RunRecorder.Start(request.DatabasePath,
            new Results.Database.RunIdentity(Path.GetFileName(folder), "bandit", scenario.Name, scenario.Seed, "pseudo_regret_mean", folder), plan.Catalog);
        var completion = new TaskCompletionSource<BanditOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpoints = new RepetitionCheckpoints<EnvironmentActor.CheckpointReached>(scenario.Steps);
        var clock = Stopwatch.StartNew();
        var result = await SimulationRunner.HostUntilDoneAsync(new SimulationOptions(request.Workers),
            akka => akka.AddBanditSupervisorActor(plan, completion, checkpoints, progress, Path.GetFileName(folder)), completion, cancellationToken);
        var wall = clock.Elapsed.TotalSeconds;
        var outcome = result.Outcome ?? BanditOutcome.Of(checkpoints, wall); // the actors are gone: what they recorded is final
        var completed = result.Outcome is not null;
        var totalSteps = (long)(outcome?.Repetitions.Count ?? 0) * scenario.Policies.Count * (outcome?.Steps ?? 0);
        double? baseline = scenario.Baseline && completed ? BaselineStepsPerSecond(plan, totalSteps) : null;
        var curves = outcome is null ? [] : BanditResults.Curves(scenario, outcome);
        var finals = curves.GroupBy(c => c.Policy).ToDictionary(g => g.Key, g => g.Last());
        var summary = new BanditSummary(Path.GetFileName(folder), scenario.Name, "bandit", scenario.Seed, result.Status, result.Failure,
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
                BanditLogExport.Write(plan, folder);
            }
        }
        else
        {
            File.WriteAllText(Path.Combine(folder, "summary.json"), BanditResults.ToJson(summary) + "\n");
        }

        recorder.Append(Results.Database.CurveRows.Bandit(curves));
        recorder.Finish(summary.Status, summary.Failure);
        Results.RunReport.Write(folder, $"{scenario.Name} (bandit, seed {scenario.Seed}): {summary.Status}");
        return summary;
    }

    /// <summary>The same repetitions and policies, one after the other on this thread: the benchmark's baseline.</summary>
    private static double BaselineStepsPerSecond(BanditPlan plan, long totalSteps)
    {
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < plan.Scenario.Repetitions; r++)
        {
            for (var p = 0; p < plan.Scenario.Policies.Count; p++)
            {
                var environment = plan.CreateEnvironment(r, out var setup);
                var policy = plan.CreatePolicy(p, setup);
                BanditSteps.Run(environment, policy, 0, plan.Scenario.Steps, new BanditTotals(environment.Arms), plan.Scenario.Hindsight);
            }
        }

        return totalSteps / clock.Elapsed.TotalSeconds;
    }
}
