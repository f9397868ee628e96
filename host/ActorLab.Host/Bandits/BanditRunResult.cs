using System.Globalization;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Simulation.Kinds;
using Spectre.Console;

namespace ActorLab.Host.Bandits;

/// <summary>How a bandit run ended: its summary and the regret curves it wrote.</summary>
public sealed class BanditRunResult(BanditSummary summary, IReadOnlyList<RegretCurvePoint> curves) : RunResult(summary.RunDirectory, summary.Status, summary.Failure, summary.WallSeconds)
{
    /// <summary>The summary (summary.json).</summary>
    public BanditSummary Summary { get; } = summary;

    /// <summary>Per policy and checkpoint, the regret over the repetitions kept.</summary>
    public IReadOnlyList<RegretCurvePoint> Curves { get; } = curves;

    /// <inheritdoc />
    public override string SummaryJson() => BanditResults.ToJson(Summary);

    /// <inheritdoc />
    public override IReadOnlyList<MetricRow> DatabaseRows => CurveRows.Bandit(Curves);

    /// <inheritdoc />
    public override string CancelledMessage => RepetitionProgressLines.Cancelled(Summary.CurveRepetitions, "step", Summary.CurveSteps, RunDirectory);

    /// <inheritdoc />
    public override IReadOnlyList<SweepValue> SweepValues =>
        [.. Summary.FinalPseudoRegret.Select(kv => new SweepValue($"pseudo_regret[{kv.Key}]", kv.Value))];

    /// <inheritdoc />
    public override IReadOnlyList<HeadlineCurve> HeadlineCurves =>
        [.. Curves.GroupBy(c => c.Policy).Select(g => new HeadlineCurve(g.Key, [.. g.Select(c => (double)c.Step)], [.. g.Select(c => c.PseudoRegretMean)]))];

    /// <inheritdoc />
    public override void Render(IAnsiConsole console)
    {
        var s = Summary;
        var table = new Table().Title($"[bold]{Markup.Escape(s.Scenario)}[/] (bandit, seed {s.Seed}, {s.Repetitions} repetitions of {s.Steps:N0} steps)")
            .AddColumn("policy").AddColumn("pseudo-regret at T (mean ± 95 %)");
        foreach (var (policy, regret) in s.FinalPseudoRegret)
        {
            table.AddRow(Markup.Escape(policy), string.Create(CultureInfo.InvariantCulture, $"{regret:F1} ± {s.FinalPseudoRegretCi[policy]:F1}"));
        }

        console.Write(table);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{s.StepsPerSecond:N0} steps/s{(s.BaselineStepsPerSecond is { } b ? $" (plain single-threaded loop: {b:N0} steps/s)" : "")}; results in {Markup.Escape(s.RunDirectory)}"));
    }
}
