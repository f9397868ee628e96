using ActorLab.Host.Results;
using ScottPlot;

namespace ActorLab.Host.Training;

/// <summary>Pictures of a training run for its folder (ScottPlot): losses by step and epoch, test metrics by epoch.</summary>
public static class TrainingPlots
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>loss.png: each step's training loss, and the epoch means of the training and test loss (at the epoch's last step).</summary>
    public static void Loss(IReadOnlyList<StepMetrics> steps, IReadOnlyList<EpochMetrics> epochs, string title, string path)
    {
        var plot = new Plot();
        var finite = steps.Where(s => double.IsFinite(s.TrainLoss)).ToList();
        if (finite.Count > 0)
        {
            var line = plot.Add.ScatterLine(finite.Select(s => (double)s.Step + 1).ToArray(), finite.Select(s => s.TrainLoss).ToArray());
            line.LegendText = "train loss (step)";
            line.LineWidth = 1;
        }

        var ends = epochs.Select(e => (double)(steps.LastOrDefault(s => s.Epoch == e.Epoch)?.Step + 1 ?? e.Epoch)).ToArray();
        plot.Add.ScatterLine(ends, epochs.Select(e => e.TrainLoss).ToArray()).LegendText = "train loss (epoch mean)";
        plot.Add.ScatterLine(ends, epochs.Select(e => e.TestLoss).ToArray()).LegendText = "test loss";
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperRight);
        PlotFiles.Save(plot, path, Width, Height);
    }

    /// <summary>accuracy.png: test accuracy, macro F1 and balanced accuracy by epoch.</summary>
    public static void Accuracy(IReadOnlyList<EpochMetrics> epochs, string title, string path)
    {
        var plot = new Plot();
        var x = epochs.Select(e => (double)e.Epoch).ToArray();
        plot.Add.ScatterLine(x, epochs.Select(e => e.TestAccuracy).ToArray()).LegendText = "test accuracy";
        plot.Add.ScatterLine(x, epochs.Select(e => e.MacroF1).ToArray()).LegendText = "macro F1";
        plot.Add.ScatterLine(x, epochs.Select(e => e.BalancedAccuracy).ToArray()).LegendText = "balanced accuracy";
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("test metric");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Alignment.LowerRight);
        PlotFiles.Save(plot, path, Width, Height);
    }
}
