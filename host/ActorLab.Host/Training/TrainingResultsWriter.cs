using System.Globalization;
using ActorLab.Host.Results.Database;

namespace ActorLab.Host.Training;

/// <summary>
/// Streams a training run's metrics to its folder as epochs finish: a row per epoch to metrics.csv and a row per step to
/// steps.csv, flushed each epoch, so a run that is cancelled or fails keeps what it did; the same rows go to the results
/// database (when given) epoch by epoch. Keeps the rows for the plots.
/// </summary>
public sealed class TrainingResultsWriter : IDisposable
{
    private readonly RunRecorder? _recorder;
    private readonly StreamWriter _epochs;
    private readonly StreamWriter _steps;
    private readonly List<EpochMetrics> _epochRows = [];
    private readonly List<StepMetrics> _stepRows = [];

    /// <summary>Creates both files in <paramref name="folder"/> with their headers; epochs also go to <paramref name="recorder"/>.</summary>
    public TrainingResultsWriter(string folder, RunRecorder? recorder = null)
    {
        _recorder = recorder;
        _epochs = new StreamWriter(Path.Combine(folder, "metrics.csv")) { NewLine = "\n" };
        _steps = new StreamWriter(Path.Combine(folder, "steps.csv")) { NewLine = "\n" };
        _epochs.WriteLine("epoch,train_loss,gradient_norm,learning_rate,test_loss,test_accuracy,macro_f1,balanced_accuracy,positive_f1,logit_norm,log_z,seconds");
        _steps.WriteLine("step,epoch,train_loss,gradient_norm,learning_rate");
        _epochs.Flush();
        _steps.Flush();
    }

    /// <summary>The epochs written so far.</summary>
    public IReadOnlyList<EpochMetrics> Epochs => _epochRows;

    /// <summary>The steps written so far.</summary>
    public IReadOnlyList<StepMetrics> Steps => _stepRows;

    /// <summary>Appends a finished epoch and its steps.</summary>
    public void Append(EpochMetrics e, IReadOnlyList<StepMetrics> steps)
    {
        foreach (var s in steps)
        {
            _steps.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Step},{s.Epoch},{s.TrainLoss:R},{s.GradientNorm:R},{s.LearningRate:R}"));
        }

        _epochs.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{e.Epoch},{e.TrainLoss:R},{e.GradientNorm:R},{e.LearningRate:R},{e.TestLoss:R},{e.TestAccuracy:R},{e.MacroF1:R},{e.BalancedAccuracy:R},{e.PositiveF1:R},{e.LogitNorm:R},{e.LogZ:R},{e.Seconds:F3}"));
        _steps.Flush();
        _epochs.Flush();
        _epochRows.Add(e);
        _stepRows.AddRange(steps);
        _recorder?.Append(DatabaseRows(e, steps));
    }

    /// <summary>An epoch's rows in long form: its metrics.csv columns at step = epoch, its steps' columns (prefixed step_) at the optimizer step.</summary>
    private static List<MetricRow> DatabaseRows(EpochMetrics e, IReadOnlyList<StepMetrics> steps)
    {
        var rows = steps.SelectMany(s => new[]
        {
            new MetricRow(s.Step, "step_train_loss", s.TrainLoss, s.Epoch),
            new MetricRow(s.Step, "step_gradient_norm", s.GradientNorm, s.Epoch),
            new MetricRow(s.Step, "step_learning_rate", s.LearningRate, s.Epoch),
        }).ToList();
        var epochValues = new (string Name, double Value)[]
        {
            ("train_loss", e.TrainLoss), ("gradient_norm", e.GradientNorm), ("learning_rate", e.LearningRate), ("test_loss", e.TestLoss),
            ("test_accuracy", e.TestAccuracy), ("macro_f1", e.MacroF1), ("balanced_accuracy", e.BalancedAccuracy), ("positive_f1", e.PositiveF1),
            ("logit_norm", e.LogitNorm), ("log_z", e.LogZ), ("seconds", e.Seconds),
        };
        rows.AddRange(epochValues.Select(v => new MetricRow(e.Epoch, v.Name, v.Value, e.Epoch)));
        return rows;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _epochs.Dispose();
        _steps.Dispose();
    }
}
