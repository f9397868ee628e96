using System.Globalization;
using ActorLab.Host.Hosting;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Training;

/// <summary>
/// A prepared training run: the trainer coordinator and its trainers in an actor system, epochs and steps streamed to
/// epochs.csv, steps.csv and the database as they complete, then loss.png and accuracy.png.
/// </summary>
public sealed class TrainingRun(ISimulationKind kind, TrainingPlan plan, Action<EpochMetrics>? observer)
    : PipelineRun(kind, plan.Scenario.Name, plan.Scenario.Seed, plan.Scenario.FilePath, plan.Catalog)
{
    /// <summary>The plan it runs.</summary>
    public TrainingPlan Plan { get; } = plan;

    /// <inheritdoc />
    public override double ProgressTotal => Plan.Scenario.Optimization.Epochs;

    /// <inheritdoc />
    public override async Task<RunResult> RunInAsync(RunContext context, CancellationToken cancellationToken)
    {
        var scenario = Plan.Scenario;
        var o = scenario.Optimization;
        var folder = context.Folder;
        var completion = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SimulationResult<TrainingOutcome> result;
        IReadOnlyList<EpochMetrics> epochs;
        IReadOnlyList<StepMetrics> steps;
        using (var writer = new TrainingResultsWriter(folder, context.Recorder))
        {
            result = await SimulationRunner.HostUntilDoneAsync(new SimulationOptions(Math.Max(context.Request.Workers, o.Trainers)),
                akka => akka.AddTrainingCoordinatorActor(Plan, completion, (e, epochSteps) =>
                {
                    writer.Append(e, epochSteps);
                    observer?.Invoke(e);
                    context.Progress(e.Epoch, string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}, accuracy {e.TestAccuracy:P1}"), string.Create(CultureInfo.InvariantCulture,
                        $"epoch {e.Epoch}/{o.Epochs}: train loss {e.TrainLoss:F4}, test loss {e.TestLoss:F4}, test accuracy {e.TestAccuracy:P2}, macro F1 {e.MacroF1:F4} ({e.Seconds:F1} s)"));
                }, context.RunId), completion, cancellationToken);
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
        var summary = new TrainingSummary(context.RunId, scenario.Name, TrainingKind.KindName, scenario.Seed, result.Status, result.Failure,
            epochs.Count, outcome?.ResumedFromEpoch ?? 0, outcome?.StoppedEarly ?? false, last?.TestAccuracy, epochs.Count > 0 ? epochs.Max(e => e.TestAccuracy) : null,
            last?.TestLoss, last?.MacroF1, last is null || double.IsNaN(last.PositiveF1) ? null : last.PositiveF1, trainingSeconds > 0 ? (outcome?.Samples ?? 0) / trainingSeconds : 0, clock.Elapsed.TotalSeconds,
            o.Trainers, o.Device, folder, outcome?.TeacherAccuracy) { MklKernels = Torch.TorchRuntime.Initialize().MklKernels };
        return new TrainingRunResult(summary, epochs);
    }
}
