using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorLab.Contracts.Experiments;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Experiments;

/// <summary>The end-of-run summary of an experiment (summary.json, and stdout with --json).</summary>
public sealed record ExperimentSummary(string RunId, string Scenario, string Kind, string Experiment, int Seed, string Status, string? Failure,
    IReadOnlyList<string> Tables, IReadOnlyList<string> Findings, double WallSeconds, string RunDirectory);

/// <summary>
/// One experiment run from files to results: load plugins and scenario, build the experiment from its options, run
/// it in an <see cref="ExperimentActor"/>, write each table to &lt;table&gt;.csv, the findings to findings.txt and
/// summary.json to runs/&lt;run-id&gt;/.
/// </summary>
public static class ExperimentLauncher
{
    /// <summary>Checks inputs and builds the experiment; throws input errors (the options' mistakes name their field).</summary>
    public static ExperimentPlan Prepare(RunRequest request) =>
        ((ExperimentRun)new ExperimentKind().Prepare(ScenarioDocument.Load(request.ScenarioPath),
            PluginCatalogLoader.Load(request.ManifestPath, request.AllowExternalPlugins), request)).Plan;

    /// <summary>Runs the plan and writes the run folder; returns the summary and the result (null unless completed).</summary>
    public static async Task<(ExperimentSummary Summary, ExperimentResult? Result)> RunAsync(RunRequest request, ExperimentPlan plan,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = (ExperimentRunResult)await new ExperimentRun(new ExperimentKind(), plan, progress).RunAsync(request, null, cancellationToken);
        return (run.Summary, run.Result);
    }

    /// <summary>The tables in the database's long form: step = row index, series = table, metric = column.</summary>
    public static IReadOnlyList<Results.Database.MetricRow> DatabaseRows(ExperimentResult result) =>
        [.. result.Tables.SelectMany(t => t.Rows.SelectMany((row, index) =>
            row.Select((value, column) => new Results.Database.MetricRow(index, t.Columns[column], value, Series: t.Name))))];

    /// <summary>The table as CSV: a header line, then one line per row in round-trip precision.</summary>
    public static string ToCsv(ExperimentTable table)
    {
        var text = new StringBuilder(string.Join(",", table.Columns)).Append('\n');
        foreach (var row in table.Rows)
        {
            text.AppendJoin(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The summary as JSON.</summary>
    public static string ToJson(ExperimentSummary summary) => JsonSerializer.Serialize(summary, Results.ResultsJson.Options);
}
