using ActorLab.Host.Results;
using ActorLab.Host.Results.Database;

namespace ActorLab.Host.Simulation.Kinds;

/// <summary>
/// The part every run shares, written once: create the run folder (a copy of the scenario, secrets masked), start its
/// database row, run the kind, then write summary.json, append the kind's rows, close the row and write report.html.
/// </summary>
public static class RunPipeline
{
    /// <summary>Runs <paramref name="run"/> under <see cref="RunRequest.RunsRoot"/> and returns how it ended.</summary>
    public static async Task<RunResult> RunAsync(PipelineRun run, RunRequest request, RunProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var folder = RunFolder.Create(request.RunsRoot, run.ScenarioName, run.Seed, run.ScenarioPath);
        var recorder = RunRecorder.Start(request.DatabasePath,
            new RunIdentity(Path.GetFileName(folder), run.Kind.Name, run.ScenarioName, run.Seed, run.Kind.Headline.Name, folder), run.Catalog);
        var result = await run.RunInAsync(new RunContext(request, folder, recorder, progress ?? ((_, _, _) => { })), cancellationToken);
        File.WriteAllText(Path.Combine(folder, "summary.json"), result.SummaryJson() + "\n");
        if (result.DatabaseRows is { Count: > 0 } rows)
        {
            recorder.Append(rows);
        }

        recorder.Finish(result.Status, result.Failure);
        RunReport.Write(folder, $"{run.ScenarioName} ({run.Description}, seed {run.Seed}): {result.Status}");
        return result;
    }
}
