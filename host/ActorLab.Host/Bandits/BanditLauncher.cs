using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Bandits;

/// <summary>
/// One bandit run from files to results: load plugins and scenario, run the repetitions in an actor system,
/// write the run folder (<see cref="BanditRun"/>).
/// </summary>
public static class BanditLauncher
{

    /// <summary>Checks inputs and returns the plan; throws input errors.</summary>
    public static BanditPlan Prepare(RunRequest request) =>
        Prepare(request.ScenarioPath, PluginCatalogLoader.Load(request.ManifestPath, request.AllowExternalPlugins));

    /// <summary>Checks the scenario against plugins already loaded and returns the plan; throws input errors.</summary>
    public static BanditPlan Prepare(string scenarioPath, PluginCatalog catalog) => Prepare(BanditScenarioBinder.Load(scenarioPath), catalog);

    /// <summary>Checks a bound scenario's components and options and returns the plan; throws input errors.</summary>
    public static BanditPlan Prepare(BanditScenario scenario, PluginCatalog catalog)
    {
        ComponentCheck.Run(scenario, catalog);
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
    /// Runs the plan and writes runs/&lt;run-id&gt;/ (<see cref="BanditRun"/>); <paramref name="progress"/> hears each completed
    /// repetition and each further tenth of the horizon.
    /// </summary>
    public static async Task<BanditSummary> RunAsync(RunRequest request, BanditPlan plan, Action<RepetitionProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ((BanditRunResult)await new BanditRun(new BanditKind(), plan, progress).RunAsync(request, null, cancellationToken)).Summary;
}
