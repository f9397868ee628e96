using System.Text.Json;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Training;

/// <summary>The end-of-run summary of a training run (summary.json, and stdout with --json).</summary>
public sealed record TrainingSummary(string RunId, string Scenario, string Kind, int Seed, string Status, string? Failure, int EpochsRun,
    int ResumedFromEpoch, bool StoppedEarly, double? FinalAccuracy, double? BestAccuracy, double? FinalTestLoss, double? FinalMacroF1, double? FinalPositiveF1,
    double SamplesPerSecond, double WallSeconds, int Trainers, string Device, string RunDirectory, double? TeacherAccuracy = null)
{
    /// <summary>The MKL kernel path the run computed with.</summary>
    public Torch.MklKernelPath? MklKernels { get; init; }
}

/// <summary>
/// One training run from files to results: load plugins, scenario and data; run the trainer actors; write
/// metrics.csv (one row per epoch), steps.csv (one row per optimizer step), loss.png, accuracy.png and summary.json
/// to runs/&lt;run-id&gt;/.
/// </summary>
public static class TrainingLauncher
{
    /// <summary>Checks inputs and builds the plan (the data loaded); throws input errors.</summary>
    public static TrainingPlan Prepare(RunRequest request) =>
        ((TrainingRun)new TrainingKind().Prepare(ScenarioDocument.Load(request.ScenarioPath),
            PluginCatalogLoader.Load(request.ManifestPath, request.AllowExternalPlugins), request)).Plan;

    /// <summary>Runs the plan and writes runs/&lt;run-id&gt;/ (<see cref="TrainingRun"/>); <paramref name="progress"/> hears each epoch.</summary>
    public static async Task<TrainingSummary> RunAsync(RunRequest request, TrainingPlan plan, Action<EpochMetrics>? progress = null, CancellationToken cancellationToken = default) =>
        ((TrainingRunResult)await new TrainingRun(new TrainingKind(), plan, progress).RunAsync(request, null, cancellationToken)).Summary;

    /// <summary>The summary as JSON.</summary>
    public static string ToJson(TrainingSummary summary) => JsonSerializer.Serialize(summary, Results.ResultsJson.Options);
}
