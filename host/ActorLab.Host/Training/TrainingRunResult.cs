using System.Globalization;
using ActorLab.Host.Simulation.Kinds;
using Spectre.Console;

namespace ActorLab.Host.Training;

/// <summary>How a training run ended: its summary and the epochs it completed.</summary>
public sealed class TrainingRunResult(TrainingSummary summary, IReadOnlyList<EpochMetrics> epochs) : RunResult(summary.RunDirectory, summary.Status, summary.Failure, summary.WallSeconds)
{
    /// <summary>The summary (summary.json).</summary>
    public TrainingSummary Summary { get; } = summary;

    /// <inheritdoc />
    public override string SummaryJson() => TrainingLauncher.ToJson(Summary);

    /// <inheritdoc />
    public override IReadOnlyList<SweepValue> SweepValues =>
        [new("final_accuracy", Summary.FinalAccuracy ?? double.NaN), new("final_test_loss", Summary.FinalTestLoss ?? double.NaN)];

    /// <inheritdoc />
    public override IReadOnlyList<HeadlineCurve> HeadlineCurves =>
        epochs.Count == 0 ? [] : [new("test accuracy", [.. epochs.Select(e => (double)e.Epoch)], [.. epochs.Select(e => e.TestAccuracy)])];

    /// <inheritdoc />
    public override void Render(IAnsiConsole console)
    {
        var s = Summary;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{s.Scenario}: {s.EpochsRun} epoch(s){(s.StoppedEarly ? " (stopped early)" : "")}, final test accuracy {s.FinalAccuracy:P2} (best {s.BestAccuracy:P2}{(s.TeacherAccuracy is { } teacher ? $"; teacher {teacher:P2}" : "")}), {s.SamplesPerSecond:N0} samples/s on {s.Trainers} trainer(s); results in {s.RunDirectory}")));
    }
}
