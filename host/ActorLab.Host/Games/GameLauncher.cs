using System.Diagnostics;
using System.Globalization;
using ActorLab.Contracts.Games;
using ActorLab.Host.Hosting;
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
    public static GamePlan Prepare(string scenarioPath, PluginCatalog catalog)
    {
        var scenario = ScenarioLoader.LoadGame(scenarioPath);
        ScenarioLoader.CheckComponents(scenario, catalog);
        var plan = new GamePlan(scenario, catalog);
        for (var a = 0; a < scenario.Agents.Count; a++)
        {
            var options = scenario.Agents[a].Component.Options;
            ComponentSetup.Checked(options.JsonPath, () => plan.CreatePlay(0, a)); // components' own option errors (and a wrong number of players) surface here, before any actor
        }

        return plan;
    }

    /// <summary>
    /// Runs the plan and writes runs/&lt;run-id&gt;/; <paramref name="progress"/> hears each completed repetition and each
    /// further tenth of the horizon. A cancelled or failed run writes what it kept (<see cref="RepetitionCheckpoints{T}.Kept"/>).
    /// </summary>
    public static async Task<GameSummary> RunAsync(RunRequest request, GamePlan plan, Action<RepetitionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var scenario = plan.Scenario;
        var folder = Results.RepetitionRunFolder.Create(request.RunsRoot, scenario.Name, scenario.Seed, scenario.FilePath);
        var recorder = Results.Database.RunRecorder.Start(request.DatabasePath,
            new Results.Database.RunIdentity(Path.GetFileName(folder), "game", scenario.Name, scenario.Seed, "external_regret_mean", folder), plan.Catalog);
        var completion = new TaskCompletionSource<GameOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpoints = new RepetitionCheckpoints<GameMasterActor.CheckpointReached>(scenario.Rounds);
        var clock = Stopwatch.StartNew();
        var result = await SimulationRunner.HostUntilDoneAsync(new SimulationOptions(request.Workers),
            akka => akka.AddGameSupervisorActor(plan, request.Workers, completion, checkpoints, progress, Path.GetFileName(folder)), completion, cancellationToken);
        var wall = clock.Elapsed.TotalSeconds;
        var outcome = result.Outcome ?? GameOutcome.Of(checkpoints, wall); // the actors are gone: what they recorded is final
        var totalRounds = (double)(outcome?.Repetitions.Count ?? 0) * (outcome?.Rounds ?? 0) * (plan.IsGame ? 1 : scenario.Agents.Count);
        double? baseline = scenario.Baseline && result.Outcome is not null ? totalRounds / BaselineSeconds(plan) : null;
        var (agents, game) = outcome is null ? ([], []) : GameResults.Curves(scenario, outcome);
        var final = game.Count > 0 ? game[^1] : null;
        var summary = new GameSummary(Path.GetFileName(folder), scenario.Name, "game", scenario.Seed, result.Status, result.Failure,
            scenario.Repetitions, scenario.Rounds, outcome is null ? [] : GameResults.Summaries(scenario, agents, outcome.Repetitions),
            final is null || double.IsNaN(final.NashConv) ? null : final.NashConv / 2, final?.CceGap, final?.Welfare,
            wall, outcome is null ? 0 : totalRounds / outcome.Seconds, baseline, request.Workers, folder)
        {
            CurveRepetitions = outcome?.Repetitions.Count ?? 0,
            CurveRounds = outcome?.Rounds ?? 0,
        };
        GameResults.Write(folder, agents, game, summary);
        recorder.Append(Results.Database.CurveRows.Game(agents, game));
        recorder.Finish(summary.Status, summary.Failure);
        return summary;
    }

    /// <summary>
    /// The same repetitions, one after the other on this thread, every agent's round in turn (all act, then all
    /// learn): the same <see cref="RoundPlay"/> code as the actors, so the results are identical.
    /// </summary>
    private static double BaselineSeconds(GamePlan plan)
    {
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < plan.Scenario.Repetitions; r++)
        {
            var plays = Enumerable.Range(0, plan.Scenario.Agents.Count).Select(a => plan.CreatePlay(r, a)).ToArray();
            var strategies = plays.Select(p => p.Strategy).ToArray();
            for (long round = 0; round < plan.Scenario.Rounds; round++)
            {
                foreach (var play in plays)
                {
                    play.Act(round);
                }

                foreach (var play in plays)
                {
                    if (plan.IsGame)
                    {
                        play.Learn(round, strategies);
                    }
                    else
                    {
                        play.LearnFromSequence(round);
                    }
                }
            }
        }

        return clock.Elapsed.TotalSeconds;
    }
}
