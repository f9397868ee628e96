using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Games;

/// <summary>
/// One game run from files to results: load plugins and scenario, run the repetitions in an actor system, write the
/// run folder; optionally replay the same work in a plain single-threaded loop (the benchmark's baseline).
/// </summary>
public static class GameLauncher
{

    /// <summary>Checks inputs and returns the plan; throws input errors.</summary>
    public static GamePlan Prepare(RunRequest request) =>
        Prepare(request.ScenarioPath, PluginCatalogLoader.Load(request.ManifestPath, request.AllowExternalPlugins));

    /// <summary>Checks the scenario against plugins already loaded and returns the plan; throws input errors.</summary>
    public static GamePlan Prepare(string scenarioPath, PluginCatalog catalog) => Prepare(GameScenarioBinder.Load(scenarioPath), catalog);

    /// <summary>Checks a bound scenario's components and options and returns the plan; throws input errors.</summary>
    public static GamePlan Prepare(GameScenario scenario, PluginCatalog catalog)
    {
        ComponentCheck.Run(scenario, catalog);
        var plan = new GamePlan(scenario, catalog);
        for (var a = 0; a < scenario.Agents.Count; a++)
        {
            var options = scenario.Agents[a].Component.Options;
            ComponentSetup.Checked(options.JsonPath, () => plan.CreatePlay(0, a)); // components' own option errors (and a wrong number of players) surface here, before any actor
        }

        return plan;
    }

    /// <summary>Runs the plan and writes runs/&lt;run-id&gt;/ (<see cref="GameRun"/>); <paramref name="progress"/> hears the repetitions' checkpoints.</summary>
    public static async Task<GameSummary> RunAsync(RunRequest request, GamePlan plan, Action<RepetitionProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ((GameRunResult)await new GameRun(new GameKind(), plan, progress).RunAsync(request, null, cancellationToken)).Summary;
}
