using System.Globalization;
using System.Text.Json;
using ActorLab.Host.Hosting;
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

    /// <summary>Checks inputs and builds the plan (data loaded, model initialised); throws input errors.</summary>
    public static TrainingPlan Prepare(RunRequest request)
    {
        var catalog = PluginCatalogLoader.Load(request.ManifestPath, request.AllowExternalPlugins);
        var scenario = ScenarioLoader.LoadTraining(request.ScenarioPath);
        ScenarioLoader.CheckComponents(scenario, catalog);
        return TrainingPlan.Build(scenario, catalog);
    }

    /// <summary>Runs the plan and writes the run folder.</summary>
    public static async Task<TrainingSummary> RunAsync(RunRequest request, TrainingPlan plan, Action<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        var scenario = plan.Scenario;
        var folder = Results.RepetitionRunFolder.Create(request.RunsRoot, scenario.Name, scenario.Seed, scenario.FilePath);
        var completion = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SimulationResult<TrainingOutcome> result;
        IReadOnlyList<EpochMetrics> epochs;
        IReadOnlyList<StepMetrics> steps;
        var recorder = Results.Database.RunRecorder.Start(request.DatabasePath,
            new Results.Database.RunIdentity(Path.GetFileName(folder), "training", scenario.Name, scenario.Seed, "test_accuracy", folder), plan.Catalog);
        using (var writer = new TrainingResultsWriter(folder, recorder))
        {
            result = await SimulationRunner.HostUntilDoneAsync(new SimulationOptions(Math.Max(request.Workers, scenario.Optimization.Trainers)),
                akka => akka.AddTrainingCoordinatorActor(plan, completion, (e, epochSteps) =>
                {
                    writer.Append(e, epochSteps);
                    progress?.Invoke(e);
                }, Path.GetFileName(folder)), completion, cancellationToken);
            (epochs, steps) = (writer.Epochs, writer.Steps); // what finished, also when the run did not
        }

        var outcome = result.Outcome;
        if (epochs.Count > 0)
        {
            TrainingPlots.Loss(steps, epochs, $"{scenario.Name}: loss", Path.Combine(folder, "loss.png"));
            TrainingPlots.Accuracy(epochs, $"{scenario.Name}: test metrics", Path.Combine(folder, "accuracy.png"));
        }

        var last = epochs.Count > 0 ? epochs[^1] : null;
        var trainingSeconds = epochs.Sum(e => e.Seconds);
        var summary = new TrainingSummary(Path.GetFileName(folder), scenario.Name, "training", scenario.Seed, result.Status, result.Failure,
            epochs.Count, outcome?.ResumedFromEpoch ?? 0, outcome?.StoppedEarly ?? false, last?.TestAccuracy, epochs.Count > 0 ? epochs.Max(e => e.TestAccuracy) : null,
            last?.TestLoss, last?.MacroF1, last is null || double.IsNaN(last.PositiveF1) ? null : last.PositiveF1, trainingSeconds > 0 ? (outcome?.Samples ?? 0) / trainingSeconds : 0, clock.Elapsed.TotalSeconds,
            scenario.Optimization.Trainers, scenario.Optimization.Device, folder, outcome?.TeacherAccuracy) { MklKernels = Torch.TorchRuntime.Initialize().MklKernels };
        File.WriteAllText(Path.Combine(folder, "summary.json"), ToJson(summary) + "\n");
        recorder.Finish(summary.Status, summary.Failure);
        Results.RunReport.Write(folder, $"{scenario.Name} (training, seed {scenario.Seed}): {summary.Status}");
        return summary;
    }

    /// <summary>The summary as JSON.</summary>
    public static string ToJson(TrainingSummary summary) => JsonSerializer.Serialize(summary, Results.ResultsJson.Options);
}
