using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorLab.Contracts.Experiments;
using ActorLab.Host.Hosting;
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
    public static ExperimentPlan Prepare(RunRequest request)
    {
        var catalog = PluginCatalogLoader.Load(request.ManifestPath, request.AllowExternalPlugins);
        var scenario = ScenarioLoader.LoadExperiment(request.ScenarioPath, catalog);
        return new ExperimentPlan(scenario, catalog.Create<IExperiment>(scenario.Experiment.Name, scenario.Experiment.Options), catalog);
    }

    /// <summary>Runs the plan and writes the run folder; returns the summary and the result (null unless completed).</summary>
    public static async Task<(ExperimentSummary Summary, ExperimentResult? Result)> RunAsync(RunRequest request, ExperimentPlan plan,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var scenario = plan.Scenario;
        var folder = Results.RepetitionRunFolder.Create(request.RunsRoot, scenario.Name, scenario.Seed, scenario.FilePath);
        var completion = new TaskCompletionSource<ExperimentResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var recorder = Results.Database.RunRecorder.Start(request.DatabasePath,
            new Results.Database.RunIdentity(Path.GetFileName(folder), "experiment", scenario.Name, scenario.Seed, "", folder), plan.Catalog);
        var outcome = await SimulationRunner.HostUntilDoneAsync(new SimulationOptions(1),
            akka => akka.AddExperimentActor(plan, completion, progress, Path.GetFileName(folder)), completion, cancellationToken);
        var result = outcome.Outcome;
        foreach (var table in result?.Tables ?? [])
        {
            File.WriteAllText(Path.Combine(folder, table.Name + ".csv"), ToCsv(table));
        }

        if (result is not null)
        {
            File.WriteAllLines(Path.Combine(folder, "findings.txt"), result.Findings);
            recorder.Append(DatabaseRows(result));
        }

        recorder.Finish(outcome.Status, outcome.Failure);

        var summary = new ExperimentSummary(Path.GetFileName(folder), scenario.Name, "experiment", scenario.Experiment.Name, scenario.Seed,
            outcome.Status, outcome.Failure, result?.Tables.Select(t => t.Name + ".csv").ToArray() ?? [], result?.Findings ?? [],
            clock.Elapsed.TotalSeconds, folder);
        File.WriteAllText(Path.Combine(folder, "summary.json"), ToJson(summary) + "\n");
        Results.RunReport.Write(folder, $"{scenario.Name} (experiment {scenario.Experiment.Name}, seed {scenario.Seed}): {summary.Status}");
        return (summary, result);
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
