using ActorLab.Host.Federated;
using ScottPlot;

namespace ActorLab.Host.Results;

/// <summary>Pictures of a run for the run folder (ScottPlot): accuracy and loss by round, and the partition.</summary>
public static class RunPlots
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>accuracy.png: global test accuracy by round, with the per-client mean and 10th percentile when measured.</summary>
    public static void Accuracy(IReadOnlyList<RoundMetrics> rounds, string title, string path)
    {
        var plot = new Plot();
        var x = rounds.Select(r => (double)r.Round).ToArray();
        plot.Add.ScatterLine(x, rounds.Select(r => r.TestAccuracy).ToArray()).LegendText = "test accuracy (global model)";
        if (rounds.All(r => r.ClientAccuracyMean.HasValue))
        {
            plot.Add.ScatterLine(x, rounds.Select(r => r.ClientAccuracyMean!.Value).ToArray()).LegendText = "client accuracy, mean";
            plot.Add.ScatterLine(x, rounds.Select(r => r.ClientAccuracyP10!.Value).ToArray()).LegendText = "client accuracy, 10th percentile";
        }

        plot.Title(title);
        plot.XLabel("round");
        plot.YLabel("accuracy");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Alignment.LowerRight);
        PlotFiles.Save(plot, path, Width, Height);
    }

    /// <summary>loss.png: training loss (clients) and test loss (global model) by round.</summary>
    public static void Loss(IReadOnlyList<RoundMetrics> rounds, string title, string path)
    {
        var plot = new Plot();
        var x = rounds.Select(r => (double)r.Round).ToArray();
        plot.Add.ScatterLine(x, rounds.Select(r => r.TestLoss).ToArray()).LegendText = "test loss (global model)";
        var finite = rounds.Where(r => double.IsFinite(r.TrainLoss)).ToList();
        if (finite.Count > 0)
        {
            plot.Add.ScatterLine(finite.Select(r => (double)r.Round).ToArray(), finite.Select(r => r.TrainLoss).ToArray()).LegendText = "train loss (clients)";
        }

        plot.Title(title);
        plot.XLabel("round");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperRight);
        PlotFiles.Save(plot, path, Width, Height);
    }

    /// <summary>clients.png: how the sampled clients' accuracies (of the model each received) spread in one round, in 20 bins over [0, 1].</summary>
    public static void ClientAccuracy(IReadOnlyList<double> accuracies, string title, string path)
    {
        const int bins = 20;
        var counts = new double[bins];
        foreach (var a in accuracies)
        {
            counts[Math.Clamp((int)(a * bins), 0, bins - 1)]++;
        }

        var plot = new Plot();
        var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(b => (b + 0.5) / bins).ToArray(), counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = 0.9 / bins;
        }

        plot.Title(title);
        plot.XLabel("client accuracy");
        plot.YLabel("clients");
        plot.Axes.SetLimitsX(0, 1);
        PlotFiles.Save(plot, path, Width, Height);
    }

    /// <summary>comparison.png of a sweep: the kind's headline metric by step, one line per grid point (and curve).</summary>
    public static void SweepComparison(IReadOnlyList<Simulation.Kinds.HeadlineCurve> series, string title, string xLabel, string yLabel, string path)
    {
        var plot = new Plot();
        foreach (var curve in series)
        {
            plot.Add.ScatterLine(curve.X, curve.Y).LegendText = curve.Label;
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerRight);
        PlotFiles.Save(plot, path, Width, Height);
    }

    /// <summary>partition.png: each client's rows stacked by label (at most the first 100 clients).</summary>
    public static void Partition(PartitionReport report, string title, string path)
    {
        var plot = new Plot();
        var clients = Math.Min(report.Clients, 100);
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        for (var c = 0; c < clients; c++)
        {
            double bottom = 0;
            for (var label = 0; label < report.Classes; label++)
            {
                var count = report.Histogram[c][label];
                if (count > 0)
                {
                    bars.Add(new Bar { Position = c, ValueBase = bottom, Value = bottom + count, FillColor = palette.GetColor(label), LineWidth = 0 });
                    bottom += count;
                }
            }
        }

        plot.Add.Bars(bars);
        for (var label = 0; label < Math.Min(report.Classes, 20); label++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"class {label}", FillColor = palette.GetColor(label) });
        }

        plot.Title(clients < report.Clients ? $"{title} (first {clients} of {report.Clients} clients)" : title);
        plot.XLabel("client");
        plot.YLabel("rows");
        plot.ShowLegend(Alignment.UpperRight);
        PlotFiles.Save(plot, path, Width, Height);
    }
}
