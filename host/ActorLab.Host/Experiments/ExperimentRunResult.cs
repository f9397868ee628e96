using System.Globalization;
using ActorLab.Contracts.Experiments;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Simulation.Kinds;
using Spectre.Console;

namespace ActorLab.Host.Experiments;

/// <summary>How an experiment ended: its summary and, when it completed, its tables and findings.</summary>
public sealed class ExperimentRunResult(ExperimentSummary summary, ExperimentResult? result) : RunResult(summary.RunDirectory, summary.Status, summary.Failure, summary.WallSeconds)
{
    /// <summary>The summary (summary.json).</summary>
    public ExperimentSummary Summary { get; } = summary;

    /// <summary>The study's tables and findings; null unless it completed.</summary>
    public ExperimentResult? Result { get; } = result;

    /// <inheritdoc />
    public override string SummaryJson() => ExperimentLauncher.ToJson(Summary);

    /// <inheritdoc />
    public override IReadOnlyList<MetricRow> DatabaseRows => Result is null ? [] : ExperimentLauncher.DatabaseRows(Result);

    /// <inheritdoc />
    public override IReadOnlyList<SweepValue> SweepValues => [new("findings", Result?.Findings.Count ?? double.NaN)];

    /// <inheritdoc />
    public override IReadOnlyList<HeadlineCurve> HeadlineCurves => [];

    /// <inheritdoc />
    public override void Render(IAnsiConsole console)
    {
        if (Result is null)
        {
            return;
        }

        foreach (var t in Result.Tables)
        {
            var table = new Table().Title($"[bold]{Markup.Escape(t.Name)}[/]");
            foreach (var column in t.Columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
            }

            foreach (var row in t.Rows)
            {
                table.AddRow(row.Select(v => v.ToString("G5", CultureInfo.InvariantCulture)).ToArray());
            }

            console.Write(table);
        }

        foreach (var finding in Result.Findings)
        {
            console.MarkupLine($"- {Markup.Escape(finding)}");
        }

        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{Summary.Scenario}: {Summary.Experiment}, seed {Summary.Seed}, {Summary.WallSeconds:F1} s; results in {Summary.RunDirectory}")));
    }
}
