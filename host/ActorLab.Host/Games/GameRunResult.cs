using System.Globalization;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Simulation.Kinds;
using Spectre.Console;

namespace ActorLab.Host.Games;

/// <summary>How a game run ended: its summary and the curves it wrote.</summary>
/// <param name="summary">The summary (summary.json).</param>
/// <param name="played">The game's or the loss sequence's name, for the table's title.</param>
/// <param name="agents">Per agent and checkpoint, its regret over the repetitions kept.</param>
/// <param name="game">Per checkpoint, the equilibrium gaps of the joint play (games only).</param>
public sealed class GameRunResult(GameSummary summary, string played, IReadOnlyList<AgentCurvePoint> agents, IReadOnlyList<GameCurvePoint> game) : RunResult(summary.RunDirectory, summary.Status, summary.Failure, summary.WallSeconds)
{
    /// <summary>The summary (summary.json).</summary>
    public GameSummary Summary { get; } = summary;

    /// <inheritdoc />
    public override string SummaryJson() => GameResults.ToJson(Summary);

    /// <inheritdoc />
    public override IReadOnlyList<MetricRow> DatabaseRows => CurveRows.Game(agents, game);

    /// <inheritdoc />
    public override string CancelledMessage => RepetitionProgressLines.Cancelled(Summary.CurveRepetitions, "round", Summary.CurveRounds, RunDirectory);

    /// <inheritdoc />
    public override IReadOnlyList<SweepValue> SweepValues =>
        [.. Summary.Agents.Select(a => new SweepValue($"external_regret[{a.Agent}]", a.ExternalRegret))];

    /// <inheritdoc />
    public override IReadOnlyList<HeadlineCurve> HeadlineCurves =>
        [.. agents.GroupBy(p => p.Agent).Select(g => new HeadlineCurve(g.Key, [.. g.Select(p => (double)p.Round)], [.. g.Select(p => p.ExternalRegretMean)]))];

    /// <inheritdoc />
    public override void Render(IAnsiConsole console)
    {
        var summary = Summary;
        var table = new Table().Title($"[bold]{Markup.Escape(summary.Scenario)}[/] (game: {Markup.Escape(played)}, seed {summary.Seed}, {summary.Repetitions} repetitions of {summary.Rounds:N0} rounds)")
            .AddColumns("agent", "external regret at T (mean ± 95 %)", "regret / T", "dynamic regret", "log-log slope (95 % upper)", "sublinear");
        foreach (var a in summary.Agents)
        {
            table.AddRow(Markup.Escape(a.Agent), string.Create(CultureInfo.InvariantCulture, $"{a.ExternalRegret:F2} ± {a.ExternalRegretCi:F2}"),
                a.RegretPerRound.ToString("F5", CultureInfo.InvariantCulture), a.DynamicRegret.ToString("F1", CultureInfo.InvariantCulture),
                double.IsNaN(a.Slope) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{a.Slope:F2} ({a.SlopeUpper:F2})"), a.Sublinear ? "[green]yes[/]" : "[red]no[/]");
        }

        console.Write(table);
        foreach (var a in summary.Agents.Where(a => a.Counters.Count > 0))
        {
            console.MarkupLine(Markup.Escape($"{a.Agent}: {string.Join(", ", a.Counters.Select(kv => $"{kv.Key.Replace('_', ' ')} {kv.Value:N0}"))}"));
        }

        if (summary.CceGap is { } gap)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"exploitability {(summary.Exploitability is { } e ? e.ToString("F4", CultureInfo.InvariantCulture) : "n/a (not two-player zero-sum)")}, CCE gap {gap:F4}, welfare {summary.Welfare:F4}"));
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{summary.RoundsPerSecond:N0} rounds/s{(summary.BaselineRoundsPerSecond is { } b ? $" (plain single-threaded loop: {b:N0} rounds/s)" : "")}; results in {Markup.Escape(summary.RunDirectory)}"));
    }
}
