using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorLab.Host.Results;
using ActorLab.Host.Scenarios;
using ScottPlot;

namespace ActorLab.Host.Bandits;

/// <summary>One policy's regret at one step, over the repetitions: mean and 95 % confidence half-width (1.96 s / sqrt(n)).</summary>
public sealed record RegretCurvePoint(string Policy, long Step, double PseudoRegretMean, double PseudoRegretCi, double HindsightRegretMean, double HindsightRegretCi, double RewardMean);

/// <summary>The end-of-run summary of a bandit run (summary.json, and stdout with --json).</summary>
public sealed record BanditSummary(
    string RunId,
    string Scenario,
    string Kind,
    int Seed,
    string Status,
    string? Failure,
    int Repetitions,
    long Steps,
    IReadOnlyDictionary<string, double> FinalPseudoRegret,
    IReadOnlyDictionary<string, double> FinalPseudoRegretCi,
    long TotalSteps,
    double WallSeconds,
    double StepsPerSecond,
    double? BaselineStepsPerSecond,
    int Workers,
    string RunDirectory)
{
    /// <summary>How many repetitions the curves (regret.csv, pulls.csv, the final regrets) average: all of them, unless the run stopped early.</summary>
    public int CurveRepetitions { get; init; }

    /// <summary>The step the curves end at: the horizon, unless the run stopped early.</summary>
    public long CurveSteps { get; init; }
}

/// <summary>
/// The folder of a bandit run: scenario.json, regret.csv (per policy and checkpoint, mean and 95 % interval over
/// repetitions, byte-identical for the same scenario and seed), pulls.csv (mean pulls per arm), regret.png and
/// summary.json.
/// </summary>
public static class BanditResults
{

    /// <summary>Averages the repetitions' points into curves, up to the checkpoint the outcome reaches.</summary>
    public static IReadOnlyList<RegretCurvePoint> Curves(BanditScenario scenario, BanditOutcome outcome)
    {
        var curves = new List<RegretCurvePoint>();
        for (var p = 0; p < scenario.Policies.Count; p++)
        {
            foreach (var step in scenario.CheckpointSteps().Where(s => s <= outcome.Steps))
            {
                var points = outcome.Repetitions.SelectMany(r => r.Points).Where(x => x.Policy == p && x.Step == step).OrderBy(x => x.Repetition).ToList();
                var (pseudo, pseudoCi) = Results.RepetitionStatistics.MeanCi(points.Select(x => x.PseudoRegret).ToArray());
                var (hindsight, hindsightCi) = Results.RepetitionStatistics.MeanCi(points.Select(x => x.HindsightRegret).ToArray());
                curves.Add(new RegretCurvePoint(scenario.Policies[p].Label, step, pseudo, pseudoCi, hindsight, hindsightCi, points.Average(x => x.Reward)));
            }
        }

        return curves;
    }

    /// <summary>Writes regret.csv, pulls.csv and regret.png into <paramref name="folder"/>.</summary>
    public static void Write(string folder, BanditScenario scenario, BanditOutcome outcome, IReadOnlyList<RegretCurvePoint> curves, BanditSummary summary)
    {
        var repetitions = outcome.Repetitions;
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var regret = new StringBuilder("policy,step,pseudo_regret_mean,pseudo_regret_ci95,hindsight_regret_mean,hindsight_regret_ci95,reward_mean\n");
        foreach (var c in curves)
        {
            regret.Append(CultureInfo.InvariantCulture, $"{c.Policy},{c.Step},{F(c.PseudoRegretMean)},{F(c.PseudoRegretCi)},{F(c.HindsightRegretMean)},{F(c.HindsightRegretCi)},{F(c.RewardMean)}\n");
        }

        File.WriteAllText(Path.Combine(folder, "regret.csv"), regret.ToString());
        var pulls = new StringBuilder("policy,arm,pulls_mean\n");
        for (var p = 0; p < scenario.Policies.Count; p++)
        {
            var arms = repetitions[0].Pulls[p].Length;
            for (var a = 0; a < arms; a++)
            {
                pulls.Append(CultureInfo.InvariantCulture, $"{scenario.Policies[p].Label},{a},{F(repetitions.Average(r => (double)r.Pulls[p][a]))}\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, "pulls.csv"), pulls.ToString());
        Plot(curves, scenario, repetitions.Count, Path.Combine(folder, "regret.png"));
    }

    /// <summary>Serialises a summary as the CLI prints it with --json.</summary>
    public static string ToJson(BanditSummary summary) => JsonSerializer.Serialize(summary, ResultsJson.Options);

    private static void Plot(IReadOnlyList<RegretCurvePoint> curves, BanditScenario scenario, int repetitions, string path)
    {
        var plot = new Plot();
        var hindsight = scenario.Hindsight;
        foreach (var group in curves.GroupBy(c => c.Policy))
        {
            var x = group.Select(c => (double)c.Step).ToArray();
            var mean = group.Select(c => hindsight ? c.HindsightRegretMean : c.PseudoRegretMean).ToArray();
            var ci = group.Select(c => hindsight ? c.HindsightRegretCi : c.PseudoRegretCi).ToArray();
            var band = plot.Add.FillY(x, mean.Zip(ci, (m, h) => m - h).ToArray(), mean.Zip(ci, (m, h) => m + h).ToArray());
            band.FillStyle.Color = band.FillStyle.Color.WithAlpha(0.2);
            plot.Add.ScatterLine(x, mean).LegendText = group.Key;
        }

        plot.Title($"{scenario.Name}: {(hindsight ? "regret vs best fixed arm" : "pseudo-regret")}, mean and 95 % interval over {repetitions} repetitions");
        plot.XLabel("step");
        plot.YLabel("cumulative regret");
        plot.ShowLegend(Alignment.UpperLeft);
        PlotFiles.Save(plot, path, 900, 500);
    }
}
