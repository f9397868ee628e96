using System.Globalization;
using ActorLab.Host.Results;
using ActorLab.Host.Simulation.Kinds;
using Spectre.Console;

namespace ActorLab.Host.Federated;

/// <summary>How a federated run ended: its summary (the rounds themselves are in its metrics.csv).</summary>
public sealed class FederatedRunResult(RunSummary summary) : RunResult(summary.RunDirectory, summary.Status, summary.Failure, summary.WallSeconds)
{
    /// <summary>The summary (summary.json).</summary>
    public RunSummary Summary { get; } = summary;

    /// <inheritdoc />
    public override string SummaryJson() => Results.RunDirectory.ToJson(Summary);

    /// <inheritdoc />
    public override string CancelledMessage => $"cancelled after {Summary.RoundsCompleted} round(s); results so far are in {RunDirectory}";

    /// <inheritdoc />
    public override string FailedMessage
    {
        get
        {
            var log = Path.Combine(RunDirectory, "errors.log");
            return $"run failed: {Failure} (completed rounds are in {RunDirectory}{(File.Exists(log) ? $"; full exceptions in {log}" : "")})";
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<SweepValue> SweepValues =>
        [
            new("final_accuracy", Summary.FinalAccuracy ?? double.NaN), new("best_accuracy", Summary.BestAccuracy ?? double.NaN),
            new("final_test_loss", Summary.FinalTestLoss ?? double.NaN),
        ];

    /// <inheritdoc />
    public override IReadOnlyList<HeadlineCurve> HeadlineCurves
    {
        get
        {
            var metrics = Path.Combine(RunDirectory, "metrics.csv");
            if (!File.Exists(metrics))
            {
                return [];
            }

            var lines = File.ReadAllLines(metrics);
            var header = lines[0].Split(',');
            var round = Array.IndexOf(header, "round");
            var accuracy = Array.IndexOf(header, "test_accuracy");
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            return rows.Count == 0 ? [] :
            [
                new HeadlineCurve("test accuracy", [.. rows.Select(r => double.Parse(r[round], CultureInfo.InvariantCulture))],
                    [.. rows.Select(r => double.Parse(r[accuracy], CultureInfo.InvariantCulture))]),
            ];
        }
    }

    /// <inheritdoc />
    public override void Render(IAnsiConsole console) => console.Write(Table(Summary));

    /// <summary>The summary as the CLI's two-column table (also after <c>actorlab resume</c>).</summary>
    public static Table Table(RunSummary s)
    {
        static string F(double? v, string format) => v?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
        var table = new Table().Title($"[bold]{Markup.Escape(s.Scenario)}[/] ({s.Kind}, seed {s.Seed})").AddColumn("").AddColumn("");
        table.HideHeaders();
        table.AddRow("status", s.Status == RunStatus.Completed ? "[green]completed[/]" : $"[red]{s.Status}[/]");
        table.AddRow("rounds", $"{s.RoundsCompleted}/{s.RoundsPlanned}");
        table.AddRow("final test accuracy", F(s.FinalAccuracy, "P2"));
        table.AddRow("best test accuracy", F(s.BestAccuracy, "P2"));
        table.AddRow("final test loss", F(s.FinalTestLoss, "F4"));
        table.AddRow("final train loss", F(s.FinalTrainLoss, "F4"));
        if (s.Epsilon is { } epsilon)
        {
            table.AddRow("privacy spent (epsilon)", F(epsilon, "F3"));
        }

        table.AddRow("training samples/s", F(s.SamplesPerSecond, "N0"));
        table.AddRow("wall time", F(s.WallSeconds, "F2") + " s");
        table.AddRow("workers", s.Workers.ToString(CultureInfo.InvariantCulture));
        table.AddRow("MKL AMD fast path", Markup.Escape(s.MklAmdFastpath));
        if (s.MklKernels is { } kernels)
        {
            table.AddRow("MKL kernels", Markup.Escape(kernels.ToString()));
        }

        table.AddRow("results", Markup.Escape(s.RunDirectory));
        return table;
    }
}
