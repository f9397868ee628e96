using ScottPlot;

namespace ActorLab.Host.Results.Database;

/// <summary>The picture of <c>actorlab runs compare</c>: one metric's curve per run (and per series), by step.</summary>
public static class RunComparisonPlot
{
    /// <summary>Draws the curves into a PNG at <paramref name="path"/>.</summary>
    public static void Write(IReadOnlyList<(string Label, double[] Steps, double[] Values)> curves, string metric, string path)
    {
        var plot = new Plot();
        foreach (var (label, steps, values) in curves)
        {
            plot.Add.ScatterLine(steps, values).LegendText = label;
        }

        plot.Title($"{metric} by step");
        plot.XLabel("step (round, epoch or checkpoint)");
        plot.YLabel(metric);
        plot.ShowLegend(Alignment.LowerRight);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(folder!);
        plot.SavePng(path, 900, 500);
    }
}
