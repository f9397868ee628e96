using ScottPlot;

namespace ActorLab.Host.Results.Database;

/// <summary>
/// The picture of <c>actorlab runs compare</c>: one line per run and series, by step; one panel per metric when the
/// runs are compared by different metrics (each kind's headline), since accuracy and regret share no scale.
/// </summary>
public static class RunComparisonPlot
{
    private const int Width = 900;
    private const int Height = 500;
    private const int PanelHeight = 360;

    /// <summary>Draws the comparison's curves into a PNG at <paramref name="path"/>.</summary>
    public static void Write(RunComparison comparison, string path)
    {
        var metrics = comparison.Metrics;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        Directory.CreateDirectory(folder!);
        if (metrics.Count == 1)
        {
            var plot = new Plot();
            Draw(plot, comparison, metrics[0]);
            plot.SavePng(path, Width, Height);
            return;
        }

        var multiplot = new Multiplot();
        multiplot.AddPlots(metrics.Count); // sets the number of panels (a new multiplot holds one)
        foreach (var (plot, metric) in multiplot.GetPlots().Zip(metrics))
        {
            Draw(plot, comparison, metric);
        }

        multiplot.SavePng(path, Width, PanelHeight * metrics.Count);
    }

    private static void Draw(Plot plot, RunComparison comparison, string metric)
    {
        var curves = comparison.Curves.Where(c => c.Metric == metric).ToList();
        foreach (var curve in curves)
        {
            plot.Add.ScatterLine(curve.Steps, curve.Values).LegendText = curve.Label;
        }

        var unit = comparison.Unit(metric);
        plot.Title($"{metric} by {unit}");
        plot.XLabel(unit);
        plot.YLabel(metric);
        plot.ShowLegend(LegendCorner(curves));
    }

    /// <summary>
    /// The corner the fewest points fall in (a box of 45 % of each axis), the lower right first on a tie: regret curves
    /// climb away from the upper left, accuracy from the lower right, so no one corner suits every kind.
    /// </summary>
    private static Alignment LegendCorner(IReadOnlyList<ComparisonCurve> curves)
    {
        var points = curves.SelectMany(c => c.Steps.Zip(c.Values, (x, y) => (X: x, Y: y))).ToList();
        var (x0, x1, y0, y1) = (points.Min(p => p.X), points.Max(p => p.X), points.Min(p => p.Y), points.Max(p => p.Y));
        (Alignment Corner, bool Right, bool Upper)[] corners =
            [(Alignment.LowerRight, true, false), (Alignment.UpperLeft, false, true), (Alignment.UpperRight, true, true), (Alignment.LowerLeft, false, false)];
        return corners.MinBy(c => points.Count(p => Near(p.X, x0, x1, c.Right) && Near(p.Y, y0, y1, c.Upper))).Corner;
    }

    private static bool Near(double value, double low, double high, bool toHigh)
    {
        var at = high > low ? (value - low) / (high - low) : 0.5;
        return toHigh ? at >= 0.55 : at <= 0.45;
    }
}
