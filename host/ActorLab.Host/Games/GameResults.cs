using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorLab.Host.Results;
using ActorLab.Contracts.Games;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Games;

/// <summary>One agent's regret at one round over the repetitions: mean and 95 % half-width.</summary>
public sealed record AgentCurvePoint(string Agent, long Round, double ExternalRegretMean, double ExternalRegretCi, double DynamicRegretMean, double DynamicRegretCi);

/// <summary>The game's metrics at one round over the repetitions (means).</summary>
public sealed record GameCurvePoint(long Round, double NashConv, double CceGap, double Welfare);

/// <summary>One agent's final figures and sublinearity verdict.</summary>
/// <param name="Agent">Its label.</param>
/// <param name="ExternalRegret">Mean external regret at T over repetitions.</param>
/// <param name="ExternalRegretCi">Its 95 % half-width.</param>
/// <param name="RegretPerRound">External regret / T.</param>
/// <param name="DynamicRegret">Mean dynamic regret at T.</param>
/// <param name="Slope">Slope of log regret on log t (NaN when regret never grows).</param>
/// <param name="SlopeUpper">Its one-sided 95 % upper bound.</param>
/// <param name="Sublinear">The verdict: upper bound below 1.</param>
/// <param name="Counters">The agent's event counts summed over repetitions (an LLM agent's calls, retries, malformed replies, fallbacks, tokens).</param>
public sealed record AgentSummary(string Agent, double ExternalRegret, double ExternalRegretCi, double RegretPerRound, double DynamicRegret,
    double Slope, double SlopeUpper, bool Sublinear, IReadOnlyDictionary<string, long> Counters);

/// <summary>The end-of-run summary of a game run (summary.json, and stdout with --json).</summary>
public sealed record GameSummary(
    string RunId,
    string Scenario,
    string Kind,
    int Seed,
    string Status,
    string? Failure,
    int Repetitions,
    long Rounds,
    IReadOnlyList<AgentSummary> Agents,
    double? Exploitability,
    double? CceGap,
    double? Welfare,
    double WallSeconds,
    double RoundsPerSecond,
    double? BaselineRoundsPerSecond,
    int Workers,
    string RunDirectory)
{
    /// <summary>How many repetitions the curves (regret.csv, game.csv, the agents' figures) average: all of them, unless the run stopped early.</summary>
    public int CurveRepetitions { get; init; }

    /// <summary>The round the curves end at: the horizon, unless the run stopped early.</summary>
    public long CurveRounds { get; init; }
}

/// <summary>
/// The folder of a game run: scenario.json, regret.csv (per agent and checkpoint, external and dynamic regret, mean
/// and 95 % interval over repetitions), game.csv (exploitability, CCE gap and welfare per checkpoint, repeated games
/// only) and summary.json with each agent's sublinearity verdict (<see cref="SublinearityTest"/> on its mean regret).
/// </summary>
public static class GameResults
{

    /// <summary>Averages the repetitions into curves, up to the checkpoint the outcome reaches.</summary>
    public static (IReadOnlyList<AgentCurvePoint> Agents, IReadOnlyList<GameCurvePoint> Game) Curves(GameScenario scenario, GameOutcome outcome)
    {
        var repetitions = outcome.Repetitions;
        var checkpoints = scenario.CheckpointRounds().Where(r => r <= outcome.Rounds).ToList();
        var agents = new List<AgentCurvePoint>();
        for (var a = 0; a < scenario.Agents.Count; a++)
        {
            foreach (var round in checkpoints)
            {
                var points = repetitions.SelectMany(r => r.Agents).Where(p => p.Agent == a && p.Round == round).OrderBy(p => p.Repetition).ToList();
                var (external, externalCi) = Results.RepetitionStatistics.MeanCi(points.Select(p => p.ExternalRegret).ToArray());
                var (dynamic, dynamicCi) = Results.RepetitionStatistics.MeanCi(points.Select(p => p.DynamicRegret).ToArray());
                agents.Add(new AgentCurvePoint(scenario.Agents[a].Label, round, external, externalCi, dynamic, dynamicCi));
            }
        }

        var game = scenario.Game is null
            ? []
            : checkpoints.Select(round =>
            {
                var points = repetitions.SelectMany(r => r.Game).Where(p => p.Round == round).ToList();
                return new GameCurvePoint(round, points.Average(p => p.NashConv), points.Average(p => p.CceGap), points.Average(p => p.Welfare));
            }).ToList();
        return (agents, game);
    }

    /// <summary>Each agent's final figures and verdict.</summary>
    public static IReadOnlyList<AgentSummary> Summaries(GameScenario scenario, IReadOnlyList<AgentCurvePoint> curves, IReadOnlyList<GameRepetition> repetitions) =>
        scenario.Agents.Select((agent, index) =>
        {
            var curve = curves.Where(c => c.Agent == agent.Label).OrderBy(c => c.Round).ToList();
            var verdict = SublinearityTest.Check(curve.Select(c => c.Round).ToList(), curve.Select(c => c.ExternalRegretMean).ToList());
            var last = curve[^1];
            var counters = repetitions.SelectMany(r => r.Counters[index]).GroupBy(kv => kv.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
            return new AgentSummary(agent.Label, last.ExternalRegretMean, last.ExternalRegretCi, last.ExternalRegretMean / last.Round,
                last.DynamicRegretMean, verdict.Slope, verdict.SlopeUpper, verdict.Sublinear, counters);
        }).ToList();

    /// <summary>Writes regret.csv, game.csv and their plots.</summary>
    public static void Write(string folder, IReadOnlyList<AgentCurvePoint> agents, IReadOnlyList<GameCurvePoint> game, GameSummary summary)
    {
        var regret = new StringBuilder("agent,round,external_regret_mean,external_regret_ci95,dynamic_regret_mean,dynamic_regret_ci95\n");
        foreach (var p in agents)
        {
            regret.Append(CultureInfo.InvariantCulture, $"{p.Agent},{p.Round},{p.ExternalRegretMean:R},{p.ExternalRegretCi:R},{p.DynamicRegretMean:R},{p.DynamicRegretCi:R}\n");
        }

        File.WriteAllText(Path.Combine(folder, "regret.csv"), regret.ToString());
        if (game.Count > 0)
        {
            var text = new StringBuilder("round,nash_conv,cce_gap,welfare\n");
            foreach (var p in game)
            {
                text.Append(CultureInfo.InvariantCulture, $"{p.Round},{p.NashConv:R},{p.CceGap:R},{p.Welfare:R}\n");
            }

            File.WriteAllText(Path.Combine(folder, "game.csv"), text.ToString());
            GamePlots.Equilibrium(game, $"{summary.Scenario}: equilibrium gaps", Path.Combine(folder, "equilibrium.png"));
        }

        if (agents.Count > 0)
        {
            GamePlots.Regret(agents, $"{summary.Scenario}: regret", Path.Combine(folder, "regret.png"));
        }
    }

    /// <summary>The summary as JSON.</summary>
    public static string ToJson(GameSummary summary) => JsonSerializer.Serialize(summary, ResultsJson.Options);
}
