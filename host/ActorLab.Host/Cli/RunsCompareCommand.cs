using System.ComponentModel;
using ActorLab.Host.Hosting;
using ActorLab.Host.Results.Database;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab runs compare &lt;id&gt; &lt;id&gt;...</c>: each run's kind and headline and the final metrics side by side, and a PNG of one metric's curves (or each run's headline), one line per run and series.</summary>
public sealed class RunsCompareCommand : Command<RunsCompareCommand.Settings>
{
    /// <summary>Arguments and options of <c>runs compare</c>.</summary>
    public sealed class Settings : RunsSettings
    {
        /// <summary>The runs.</summary>
        [CommandArgument(0, "<ids>")]
        [Description("Run ids (or prefixes naming one run each)")]
        public string[] Ids { get; init; } = [];

        /// <summary>The metric plotted.</summary>
        [CommandOption("--metric <NAME>")]
        [Description("Metric whose curves are plotted. Default: each run's headline metric (test_accuracy, pseudo_regret_mean, ...)")]
        public string? Metric { get; init; }

        /// <summary>Where the plot goes.</summary>
        [CommandOption("--plot <FILE>")]
        [Description("PNG file for the plot. Default: compare-<metric>.png next to the database (compare-headline.png when the runs' headlines differ)")]
        public string? Plot { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var reader = settings.Reader();
        var runs = settings.Ids.Select(reader.Find).ToList();
        var finals = runs.Select(r => reader.FinalMetrics(r.RunId)).ToList();
        WriteTables(runs, finals);
        var metricNames = finals.Select(f => (IReadOnlyList<string>)[.. f.Select(m => m.Metric).Distinct().Order(StringComparer.Ordinal)]).ToList();
        var comparison = RunComparison.Build(runs, settings.Metric, UnitOf, (r, metric) => reader.Curve(r.RunId, metric), r => metricNames[runs.IndexOf(r)]);
        if (comparison.Curves.Count == 0)
        {
            throw new InputFileException(reader.Database.Path, $"{comparison.NothingPlotted()}; pick one of the table's metrics with --metric <NAME>");
        }

        if (comparison.Missing.Count > 0)
        {
            Console.Error.WriteLine($"warning: not plotted: {string.Join("; ", comparison.Missing)}");
        }

        var metrics = comparison.Metrics;
        var name = metrics.Count == 1 ? metrics[0] : "headline";
        var plot = settings.Plot ?? Path.Combine(Path.GetDirectoryName(reader.Database.Path)!, $"compare-{name}.png");
        RunComparisonPlot.Write(comparison, plot);
        Console.Out.WriteLine($"plot: {Path.GetFullPath(plot)}");
        return 0;
    }

    /// <summary>Each run's kind and headline with its final value, then the final metrics side by side (<see cref="ComparisonTable"/>).</summary>
    private static void WriteTables(IReadOnlyList<RunRecord> runs, IReadOnlyList<IReadOnlyList<FinalMetric>> finals)
    {
        var headlines = new Table().Title("runs").AddColumn(new TableColumn("id").NoWrap()).AddColumn("kind").AddColumn(new TableColumn("headline metric").NoWrap())
            .AddColumn(new TableColumn("final").RightAligned());
        foreach (var r in runs)
        {
            headlines.AddRow(Markup.Escape(r.RunId), Markup.Escape(r.Kind), Markup.Escape(r.HeadlineMetric), r.HeadlineValue is { } v ? RunsFormat.Number(v) : "-");
        }

        AnsiConsole.Write(headlines);
        var table = new Table().Title("final metrics").AddColumn("metric");
        foreach (var r in runs)
        {
            table.AddColumn(new TableColumn(Markup.Escape(r.RunId)).RightAligned());
        }

        var rows = ComparisonTable.Rows(runs, finals, RunsFormat.Number);
        foreach (var (label, cells) in rows)
        {
            table.AddRow([Markup.Escape(label), .. cells.Select(Markup.Escape)]);
        }

        if (rows.Count > 0)
        {
            AnsiConsole.Write(table); // runs of kinds that share no metric have only their headlines to compare
        }
    }

    /// <summary>What one step of a kind's curves is; "step" for a kind this program does not know (a test's or a library's).</summary>
    private static string UnitOf(string kind) =>
        SimulationKinds.All.FirstOrDefault(k => k.Name == kind)?.Headline.Unit ?? RunComparison.MixedUnit;
}
