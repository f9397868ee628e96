using ActorLab.Host.Results;
using ScottPlot;

namespace ActorLab.Host.Policy;

/// <summary>Pictures of a policy run for its folder (ScottPlot): held-out accuracy over the phases, and the RL step statistics.</summary>
public static class PolicyPlots
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>accuracy.png: held-out accuracy and reward of greedy responses by step, a vertical line where RL starts.</summary>
    public static void Accuracy(IReadOnlyList<PolicyStepMetrics> rows, string title, string path)
    {
        var plot = new Plot();
        var evaluated = rows.Where(r => !double.IsNaN(r.Accuracy)).ToList();
        plot.Add.ScatterLine(evaluated.Select(r => (double)r.Step).ToArray(), evaluated.Select(r => r.Accuracy).ToArray()).LegendText = "held-out accuracy";
        plot.Add.ScatterLine(evaluated.Select(r => (double)r.Step).ToArray(), evaluated.Select(r => r.TestReward).ToArray()).LegendText = "held-out reward";
        if (rows.FirstOrDefault(r => r.Phase == "rlvr") is { } first)
        {
            plot.Add.VerticalLine(first.Step - 0.5).LegendText = "RL starts";
        }

        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("held-out metric");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Alignment.LowerRight);
        PlotFiles.Save(plot, path, Width, Height);
    }

    /// <summary>rlvr.png: mean reward, zero-advantage share, entropy and KL to the reference by RL step.</summary>
    public static void Rlvr(IReadOnlyList<PolicyStepMetrics> rows, string title, string path)
    {
        var rl = rows.Where(r => r.Phase == "rlvr").ToList();
        var plot = new Plot();
        var x = rl.Select(r => (double)r.PhaseStep).ToArray();
        plot.Add.ScatterLine(x, rl.Select(r => r.MeanReward).ToArray()).LegendText = "mean reward";
        plot.Add.ScatterLine(x, rl.Select(r => r.ZeroAdvantageShare).ToArray()).LegendText = "zero-advantage groups";
        plot.Add.ScatterLine(x, rl.Select(r => r.Entropy).ToArray()).LegendText = "entropy (nats/token)";
        plot.Add.ScatterLine(x, rl.Select(r => r.Kl).ToArray()).LegendText = "KL to reference";
        plot.Title(title);
        plot.XLabel("RL step");
        plot.ShowLegend(Alignment.UpperRight);
        PlotFiles.Save(plot, path, Width, Height);
    }

    /// <summary>preference.png: mean chosen and rejected log-probabilities, the implicit-reward margin and the gradient cosine by preference step.</summary>
    public static void Preference(IReadOnlyList<PolicyStepMetrics> rows, string title, string path)
    {
        var steps = rows.Where(r => r.Phase == "preference" && !double.IsNaN(r.ChosenLogProb)).ToList();
        var plot = new Plot();
        var x = steps.Select(r => (double)r.PhaseStep).ToArray();
        plot.Add.ScatterLine(x, steps.Select(r => r.ChosenLogProb).ToArray()).LegendText = "log pi(chosen)";
        plot.Add.ScatterLine(x, steps.Select(r => r.RejectedLogProb).ToArray()).LegendText = "log pi(rejected)";
        plot.Add.ScatterLine(x, steps.Select(r => r.Margin).ToArray()).LegendText = "implicit-reward margin";
        var cosine = steps.Where(r => !double.IsNaN(r.GradientCosine)).ToList();
        if (cosine.Count > 0)
        {
            plot.Add.ScatterLine(cosine.Select(r => (double)r.PhaseStep).ToArray(), cosine.Select(r => r.GradientCosine).ToArray()).LegendText = "cos(grad chosen, grad rejected)";
        }

        plot.Title(title);
        plot.XLabel("preference step");
        plot.ShowLegend(Alignment.LowerLeft);
        PlotFiles.Save(plot, path, Width, Height);
    }

    /// <summary>unlearning.png: forget, retain and held-out accuracy, linear CKA and probe accuracy by unlearning step.</summary>
    public static void Unlearning(IReadOnlyList<PolicyStepMetrics> rows, string title, string path)
    {
        var evaluated = rows.Where(r => r.Phase == "unlearning" && !double.IsNaN(r.ForgetAccuracy)).ToList();
        var plot = new Plot();
        var x = evaluated.Select(r => (double)r.PhaseStep).ToArray();
        plot.Add.ScatterLine(x, evaluated.Select(r => r.ForgetAccuracy).ToArray()).LegendText = "forget accuracy";
        plot.Add.ScatterLine(x, evaluated.Select(r => r.RetainAccuracy).ToArray()).LegendText = "retain accuracy";
        plot.Add.ScatterLine(x, evaluated.Select(r => r.Accuracy).ToArray()).LegendText = "held-out accuracy";
        plot.Add.ScatterLine(x, evaluated.Select(r => r.Cka).ToArray()).LegendText = "linear CKA to the original";
        plot.Add.ScatterLine(x, evaluated.Select(r => r.ProbeAccuracy).ToArray()).LegendText = "probe accuracy (forget answers)";
        plot.Title(title);
        plot.XLabel("unlearning step");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend(Alignment.LowerLeft);
        PlotFiles.Save(plot, path, Width, Height);
    }
}
