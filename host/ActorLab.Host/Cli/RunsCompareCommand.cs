using System.ComponentModel;
using ActorLab.Host.Results.Database;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab runs compare &lt;id&gt; &lt;id&gt;...</c>: final metrics side by side, and a PNG of one metric's curves.</summary>
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
        [Description("Metric whose curves are plotted. Default: the first run's headline metric (e.g. test_accuracy)")]
        public string? Metric { get; init; }

        /// <summary>Where the plot goes.</summary>
        [CommandOption("--plot <FILE>")]
        [Description("PNG file for the plot. Default: compare-<metric>.png next to the database")]
        public string? Plot { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var reader = settings.Reader();
        var runs = settings.Ids.Select(reader.Find).ToList();
        var finals = runs.Select(r => reader.FinalMetrics(r.RunId).ToDictionary(m => m.Label, m => m.Value)).ToList();
        var table = new Table().AddColumn("metric");
        foreach (var r in runs)
        {
            table.AddColumn(new TableColumn(Markup.Escape(r.RunId)).RightAligned());
        }

        foreach (var label in finals.SelectMany(f => f.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            table.AddRow([Markup.Escape(label), .. finals.Select(f => f.TryGetValue(label, out var v) ? RunsFormat.Number(v) : "-")]);
        }

        AnsiConsole.Write(table);

        var metric = settings.Metric ?? runs[0].HeadlineMetric;
        var curves = runs.SelectMany(r => reader.Curve(r.RunId, metric).GroupBy(p => p.Series).Select(g =>
            (Label: g.Key is null ? r.RunId : $"{r.RunId} {g.Key}", Steps: g.Select(p => (double)p.Step).ToArray(), Values: g.Select(p => p.Value).ToArray()))).ToList();
        if (curves.Count == 0)
        {
            throw new InputFileException(reader.Database.Path, $"none of these runs has metric '{metric}'; pick one of the table's metrics with --metric <NAME>");
        }

        var plot = settings.Plot ?? Path.Combine(Path.GetDirectoryName(reader.Database.Path)!, $"compare-{metric}.png");
        RunComparisonPlot.Write(curves, metric, plot);
        Console.Out.WriteLine($"plot: {Path.GetFullPath(plot)}");
        return 0;
    }
}
