using System.Globalization;
using ActorLab.Contracts.Experiments;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Losses.Studies;

/// <summary>
/// Step-size sweep of logistic regression with gradient descent on separable data, after Tyurin, "From Logistic
/// Regression to the Perceptron Algorithm: Exploring Gradient Descent with Large Step Sizes" (2024): LR+GD,
/// w &lt;- w - gamma grad f(w), and Normalized LR+GD, w &lt;- w - gamma grad f(w) / f(w), with f the mean logistic loss
/// (1 / N) sum_i log(1 + exp(-y_i a_i . w)), run from w = 0 on <see cref="MarginSeparatedPoints"/> until every point is
/// classified correctly (see <see cref="LogisticGradientDescent"/>). As gamma grows LR+GD tends to the batch
/// perceptron, which is run too as the limit. Per data set and gamma: iterations to zero training error, f at that
/// iterate (0 where it underflows double precision, as it does at very large gamma), and the largest f along the way.
/// Tables: <c>step_size_runs</c> (a row per data set and gamma),
/// <c>batch_perceptron</c> (iterations of the limit per data set), <c>step_size_summary</c> (medians over data sets
/// per gamma; a run that hit the iteration cap counts as infinitely long, and an infinite median is NaN).
/// </summary>
public sealed class LogisticStepSize : IExperiment
{
    private const string Name = "logistic-step-size";
    private readonly LogisticStepSizeOptions _options;

    /// <summary>Creates the study; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public LogisticStepSize(LogisticStepSizeOptions options)
    {
        Require(options.StepSizes.Length > 0 && options.StepSizes.All(g => g > 0 && double.IsFinite(g)), "stepSizes", "a non-empty list of positive numbers, e.g. [0.1, 1, 10, 100]");
        Require(options.Samples >= 2, "samples", "at least 2");
        Require(options.Features >= 1, "features", "at least 1");
        Require(options.Margin >= 0 && options.Margin < 1, "margin", "in [0, 1) (points are standard normal before rejection), e.g. 0.05");
        Require(options.Datasets >= 1, "datasets", "at least 1");
        Require(options.MaxIterations >= 1, "maxIterations", "at least 1");
        _options = options;
    }

    /// <inheritdoc />
    public ExperimentResult Run(ExperimentContext context)
    {
        var o = _options;
        var gammas = o.StepSizes.Order().ToArray();
        var runs = new List<IReadOnlyList<double>>();
        var perceptron = new List<IReadOnlyList<double>>();
        var plain = new SeparationRun[gammas.Length, o.Datasets];
        var normalized = new SeparationRun[gammas.Length, o.Datasets];
        for (var set = 0; set < o.Datasets; set++)
        {
            var (a, y, _) = MarginSeparatedPoints.Draw(RandomStreams.Create(context.Seed, Name, set), o.Samples, o.Features, o.Margin);
            var limit = LogisticGradientDescent.RunUntilSeparated(a, y, 1, StepRule.Perceptron, o.MaxIterations);
            perceptron.Add([set, Iterations(limit)]);
            for (var g = 0; g < gammas.Length; g++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var gd = plain[g, set] = LogisticGradientDescent.RunUntilSeparated(a, y, gammas[g], StepRule.Plain, o.MaxIterations);
                var ngd = normalized[g, set] = LogisticGradientDescent.RunUntilSeparated(a, y, gammas[g], StepRule.Normalized, o.MaxIterations);
                runs.Add([set, gammas[g], Iterations(gd), gd.LossAtSeparation, gd.PeakLoss, Iterations(ngd), ngd.LossAtSeparation, ngd.PeakLoss]);
            }

            context.Progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"data set {set + 1} of {o.Datasets}: batch perceptron {Iterations(limit)} iterations; LR+GD {Iterations(plain[0, set])} at gamma = {gammas[0]}, {Iterations(plain[gammas.Length - 1, set])} at gamma = {gammas[^1]}"));
        }

        var summary = new List<IReadOnlyList<double>>();
        for (var g = 0; g < gammas.Length; g++)
        {
            summary.Add([
                gammas[g],
                MedianIterations(plain, g), Median(plain, g, r => r.LossAtSeparation), Median(plain, g, r => r.PeakLoss),
                MedianIterations(normalized, g), Median(normalized, g, r => r.LossAtSeparation), Median(normalized, g, r => r.PeakLoss),
            ]);
        }

        var perceptronMedian = MedianOf(perceptron.Select(r => double.IsNaN(r[1]) ? double.PositiveInfinity : r[1]));
        return new ExperimentResult(
            [
                new ExperimentTable("step_size_runs", ["dataset", "step_size", "gd_iterations", "gd_loss_at_separation", "gd_peak_loss", "normalized_iterations", "normalized_loss_at_separation", "normalized_peak_loss"], runs),
                new ExperimentTable("batch_perceptron", ["dataset", "iterations"], perceptron),
                new ExperimentTable("step_size_summary", ["step_size", "gd_iterations", "gd_loss_at_separation", "gd_peak_loss", "normalized_iterations", "normalized_loss_at_separation", "normalized_peak_loss"], summary),
            ],
            Findings(summary, perceptronMedian, MedianOfBest(plain), MedianOfBest(normalized)));
    }

    private static List<string> Findings(List<IReadOnlyList<double>> summary, double perceptronMedian, double plainBest, double normalizedBest)
    {
        string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        var (first, last) = (summary[0], summary[^1]);
        var fastest = summary.Where(r => !double.IsNaN(r[1])).MinBy(r => r[1]);
        var normalizedFaster = summary.Where(r => r[4] < r[1] || (double.IsNaN(r[1]) && !double.IsNaN(r[4]))).Select(r => r[0].ToString(CultureInfo.InvariantCulture)).ToList();
        var normalizedSlower = summary.Where(r => r[4] > r[1] || (double.IsNaN(r[4]) && !double.IsNaN(r[1]))).Select(r => r[0].ToString(CultureInfo.InvariantCulture)).ToList();
        return
        [
            F($"LR+GD (medians over data sets): {first[1]} iterations to zero training error at gamma = {first[0]}, {last[1]} at gamma = {last[0]}, fewest ({fastest?[1]}) first at gamma = {fastest?[0]}; the batch perceptron (the gamma -> infinity limit) needs {perceptronMedian}"),
            F($"LR+GD: the loss at separation goes from {first[2]:G3} at gamma = {first[0]} to {last[2]:G3} at gamma = {last[0]}; the largest loss along the run from {first[3]:G3} to {last[3]:G3}"),
            F($"Normalized LR+GD needs fewer iterations than LR+GD at gamma in [{string.Join(", ", normalizedFaster)}], more at [{string.Join(", ", normalizedSlower)}] (median {last[4]} vs {last[1]} at gamma = {last[0]})"),
            F($"Best step size of the grid per data set (median over data sets): LR+GD {plainBest} iterations, Normalized LR+GD {normalizedBest}"),
        ];
    }

    /// <summary>Per data set the fewest iterations over the step sizes, then the median over data sets.</summary>
    private static double MedianOfBest(SeparationRun[,] runs) => MedianOf(Enumerable.Range(0, runs.GetLength(1))
        .Select(set => Enumerable.Range(0, runs.GetLength(0)).Min(g => runs[g, set].Iterations ?? double.PositiveInfinity)));

    private static double Iterations(SeparationRun run) => run.Iterations ?? double.NaN;

    private static double MedianIterations(SeparationRun[,] runs, int g) => Median(runs, g, r => r.Iterations ?? double.PositiveInfinity);

    private static double Median(SeparationRun[,] runs, int g, Func<SeparationRun, double> value)
        => MedianOf(Enumerable.Range(0, runs.GetLength(1)).Select(set => value(runs[g, set])));

    /// <summary>The median (mean of the middle two for an even count); NaN if it is infinite.</summary>
    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return double.IsInfinity(median) ? double.NaN : median;
    }

    private static void Require(bool condition, string option, string expected) => OptionCheck.Require(condition, Name, option, expected);
}
