using System.Globalization;
using ActorLab.Contracts.Experiments;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Losses.Studies;

/// <summary>
/// Sample complexity of a generative and a discriminative classifier: Ng &amp; Jordan, "On Discriminative vs.
/// Generative Classifiers: A comparison of logistic regression and naive Bayes" (NIPS 2001), as revisited by Zheng
/// et al., "Revisiting Discriminative vs. Generative Classifiers: Theory and Implications" (ICML 2023): naive Bayes
/// approaches its asymptotic error with O(log n) samples, logistic regression with O(n).
/// On the task <see cref="ShiftedGaussianClasses"/>, for each dimension n and each training-set size m of a
/// geometric grid, fits <see cref="GaussianNaiveBayes"/> and <see cref="MultinomialLogisticRegression"/> to the first
/// m rows of a seeded sample (nested, balanced training sets; <c>repetitions</c> independent samples) and measures
/// the test error e(m) on one test set per dimension. The asymptotic error of both methods is the error of the Bayes
/// rule, computed analytically from the task's parameters (both models are well specified, so both fits tend to it)
/// and evaluated on the same test set, so that e(m) - e_inf carries no test-set noise of its own. The samples a method
/// needs is the smallest grid m from which the mean error stays within <c>tolerance</c> of e_inf for every larger
/// grid size (NaN where even the largest size is not within).
/// Tables: <c>error_vs_samples</c> (dimension, samples, mean errors and their standard errors, asymptotic error) and
/// <c>samples_to_asymptote</c> (per dimension: samples each method needs and their ratio).
/// </summary>
public sealed class NaiveBayesVsLogistic : IExperiment
{
    private const string Name = "naive-bayes-vs-logistic";
    private readonly NaiveBayesVsLogisticOptions _options;

    /// <summary>Creates the study; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public NaiveBayesVsLogistic(NaiveBayesVsLogisticOptions options)
    {
        Require(options.Dimensions.Length > 0 && options.Dimensions.All(n => n >= 1), "dimensions", "a non-empty list of positive integers, e.g. [2, 8, 32]");
        Require(options.Classes >= 2, "classes", "at least 2");
        Require(options.SampleGrowth > 1, "sampleGrowth", "greater than 1, e.g. 1.25");
        Require(options.MinSamples >= 1 && options.MaxSamples >= options.MinSamples && SampleGrid(options.MinSamples, options.MaxSamples, options.SampleGrowth, options.Classes).Count > 0,
            "minSamples/maxSamples", "1 <= minSamples <= maxSamples, with room for a balanced size (a multiple of classes, at least 2 classes) in between");
        Require(options.Repetitions >= 1, "repetitions", "at least 1");
        Require(options.NoiseStd > 0, "noiseStd", "positive, e.g. 2.5");
        Require(options.TestSamples >= options.Classes, "testSamples", "at least the number of classes");
        Require(options.L2 > 0, "l2", "positive (it keeps logistic regression finite on separable samples), e.g. 1");
        Require(options.MaxNewtonIterations >= 1, "maxNewtonIterations", "at least 1");
        Require(options.Tolerance > 0, "tolerance", "positive, e.g. 0.01");
        _options = options;
    }

    /// <summary>The training-set sizes: round(min g^i) up to a multiple of K (at least 2K), up to max, without repeats.</summary>
    public static IReadOnlyList<int> SampleGrid(int minSamples, int maxSamples, double growth, int classes)
    {
        var sizes = new List<int>();
        for (double m = minSamples; ; m *= growth)
        {
            var size = Math.Max(2 * classes, (int)Math.Ceiling(Math.Round(m) / classes) * classes);
            if (size > maxSamples)
            {
                break;
            }

            if (sizes.Count == 0 || size > sizes[^1])
            {
                sizes.Add(size);
            }
        }

        return sizes;
    }

    /// <summary>
    /// The smallest size from which every mean error (in grid order) stays within <paramref name="tolerance"/> of
    /// <paramref name="asymptote"/>; NaN if the last one is not within.
    /// </summary>
    public static double SamplesToAsymptote(IReadOnlyList<int> sizes, IReadOnlyList<double> meanErrors, double asymptote, double tolerance)
    {
        var needed = double.NaN;
        for (var g = sizes.Count - 1; g >= 0 && meanErrors[g] <= asymptote + tolerance; g--)
        {
            needed = sizes[g];
        }

        return needed;
    }

    /// <inheritdoc />
    public ExperimentResult Run(ExperimentContext context)
    {
        var o = _options;
        var sizes = SampleGrid(o.MinSamples, o.MaxSamples, o.SampleGrowth, o.Classes);
        var curve = new List<IReadOnlyList<double>>();
        var summary = new List<IReadOnlyList<double>>();
        var findings = new List<string>();
        foreach (var n in o.Dimensions)
        {
            var task = new ShiftedGaussianClasses(o.Classes, n, o.NoiseStd, o.NoisyHalf);
            var (testX, testY) = task.Draw(RandomStreams.Create(context.Seed, Name + "/test", n), o.TestSamples);
            var asymptote = task.BayesRule().ErrorRate(testX, testY);
            var naiveBayes = new double[sizes.Count, o.Repetitions];
            var logistic = new double[sizes.Count, o.Repetitions];
            for (var rep = 0; rep < o.Repetitions; rep++)
            {
                var (poolX, poolY) = task.Draw(RandomStreams.Create(context.Seed, Name + "/train", n, rep), sizes[^1]);
                for (var g = 0; g < sizes.Count; g++)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    var x = poolX[..(sizes[g] * n)];
                    var y = poolY[..sizes[g]];
                    naiveBayes[g, rep] = GaussianNaiveBayes.Fit(x, y, o.Classes).ToLinear().ErrorRate(testX, testY);
                    var theta = MultinomialLogisticRegression.Fit(x, y, o.Classes, o.L2, o.MaxNewtonIterations);
                    logistic[g, rep] = MultinomialLogisticRegression.ToLinear(theta, n, o.Classes).ErrorRate(testX, testY);
                }
            }

            var nbMean = new double[sizes.Count];
            var lrMean = new double[sizes.Count];
            for (var g = 0; g < sizes.Count; g++)
            {
                var (nb, nbSe) = MeanAndStandardError(naiveBayes, g);
                var (lr, lrSe) = MeanAndStandardError(logistic, g);
                (nbMean[g], lrMean[g]) = (nb, lr);
                curve.Add([n, sizes[g], nb, nbSe, lr, lrSe, asymptote]);
            }

            var nbNeeded = SamplesToAsymptote(sizes, nbMean, asymptote, o.Tolerance);
            var lrNeeded = SamplesToAsymptote(sizes, lrMean, asymptote, o.Tolerance);
            summary.Add([n, asymptote, nbNeeded, lrNeeded, lrNeeded / nbNeeded]);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"n = {n}: asymptotic (Bayes) error {asymptote:0.0000}; within {o.Tolerance} of it naive Bayes needs {Count(nbNeeded)} samples, logistic regression {Count(lrNeeded)} (ratio {lrNeeded / nbNeeded:0.0})");
            findings.Add(line);
            context.Progress?.Invoke(line);
        }

        findings.Add(Verdict(summary));
        return new ExperimentResult(
            [
                new ExperimentTable("error_vs_samples", ["dimension", "samples", "naive_bayes_error", "naive_bayes_error_se", "logistic_error", "logistic_error_se", "asymptotic_error"], curve),
                new ExperimentTable("samples_to_asymptote", ["dimension", "asymptotic_error", "naive_bayes_samples", "logistic_samples", "logistic_to_naive_bayes_ratio"], summary),
            ],
            findings);
    }

    private static string Verdict(List<IReadOnlyList<double>> summary)
    {
        var fewer = summary.Count(r => r[2] < r[3] || (!double.IsNaN(r[2]) && double.IsNaN(r[3])));
        var (first, last) = (summary[0], summary[^1]);
        return string.Create(CultureInfo.InvariantCulture,
            $"naive Bayes needed fewer samples than logistic regression at {fewer} of {summary.Count} dimensions; the ratio went from {first[4]:0.0} at n = {first[0]} to {last[4]:0.0} at n = {last[0]}");
    }

    private static string Count(double samples) => double.IsNaN(samples) ? "more than the grid's largest" : samples.ToString(CultureInfo.InvariantCulture);

    private static (double Mean, double StandardError) MeanAndStandardError(double[,] values, int g)
    {
        var count = values.GetLength(1);
        double mean = 0;
        for (var r = 0; r < count; r++)
        {
            mean += values[g, r] / count;
        }

        double squares = 0;
        for (var r = 0; r < count; r++)
        {
            squares += (values[g, r] - mean) * (values[g, r] - mean);
        }

        return (mean, count > 1 ? Math.Sqrt(squares / (count - 1) / count) : 0);
    }

    private static void Require(bool condition, string option, string expected) => OptionCheck.Require(condition, Name, option, expected);
}
