using System.Diagnostics;
using ActorLab.Host.Hosting;
using ActorLab.Host.Results;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Host.Simulation.Repetitions;

namespace ActorLab.Host.Games;

/// <summary>
/// A prepared game run: the repetitions in an actor system (a game master and one actor per agent), then regret.csv,
/// game.csv and their plots; optionally the same rounds replayed in a plain single-threaded loop as the baseline.
/// </summary>
public sealed class GameRun(ISimulationKind kind, GamePlan plan, Action<RepetitionProgress>? observer)
    : RepetitionRun<GameMasterActor.CheckpointReached, GameOutcome>(kind, plan.Scenario.Name, plan.Scenario.Seed, plan.Scenario.FilePath, plan.Catalog,
        plan.Scenario.Repetitions, plan.Scenario.Rounds, "round", observer, (akka, run) => akka.AddGameSupervisorActor(plan, run))
{
    /// <summary>The plan it runs.</summary>
    public GamePlan Plan { get; } = plan;

    /// <inheritdoc />
    protected override RunResult Write(RunContext context, SimulationResult<GameOutcome> result, GameOutcome? outcome, double wall)
    {
        var scenario = Plan.Scenario;
        var request = context.Request;
        var totalRounds = (double)(outcome?.Repetitions.Count ?? 0) * (outcome?.Rounds ?? 0) * (Plan.IsGame ? 1 : scenario.Agents.Count);
        double? baseline = scenario.Baseline && result.Outcome is not null ? totalRounds / BaselineSeconds() : null;
        var (agents, game) = outcome is null ? ([], []) : GameResults.Curves(scenario, outcome);
        var final = game.Count > 0 ? game[^1] : null;
        var summary = new GameSummary(context.RunId, scenario.Name, GameKind.KindName, scenario.Seed, result.Status, result.Failure,
            scenario.Repetitions, scenario.Rounds, outcome is null ? [] : GameResults.Summaries(scenario, agents, outcome.Repetitions),
            final is null || double.IsNaN(final.NashConv) ? null : final.NashConv / 2, final?.CceGap, final?.Welfare,
            wall, outcome is null ? 0 : totalRounds / outcome.Seconds, baseline, request.Workers, context.Folder)
        {
            CurveRepetitions = outcome?.Repetitions.Count ?? 0,
            CurveRounds = outcome?.Rounds ?? 0,
        };
        GameResults.Write(context.Folder, agents, game, summary);
        return new GameRunResult(summary, scenario.Game?.Name ?? scenario.Sequence!.Name, agents, game);
    }

    private double BaselineSeconds()
    {
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < Plan.Scenario.Repetitions; r++)
        {
            var plays = Enumerable.Range(0, Plan.Scenario.Agents.Count).Select(a => Plan.CreatePlay(r, a)).ToArray();
            RoundLoop.Play(plays, Plan.IsGame, 0, Plan.Scenario.Rounds);
        }

        return clock.Elapsed.TotalSeconds;
    }
}
