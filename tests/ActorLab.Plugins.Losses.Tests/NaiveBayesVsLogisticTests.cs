using ActorLab.Contracts.Experiments;
using ActorLab.Plugins.Losses.Studies;
using Xunit;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>
/// The pieces of the naive Bayes vs logistic regression study against their formulas written out, and the claim of
/// Ng &amp; Jordan (NIPS 2001) and Zheng et al. (ICML 2023) at reduced size: naive Bayes nears its asymptotic error with
/// fewer samples than logistic regression, and the gap widens with the dimension.
/// </summary>
public sealed class NaiveBayesVsLogisticTests
{
    // Class 0: (1, 2), (3, 2); class 1: (0, 5), (2, 7), (4, 6).
    private static readonly double[] TinyX = [1, 2, 0, 5, 3, 2, 2, 7, 4, 6];
    private static readonly int[] TinyY = [0, 1, 0, 1, 1];

    [Fact]
    public void Naive_bayes_fit_is_the_closed_form_maximum_likelihood_estimate()
    {
        var model = GaussianNaiveBayes.Fit(TinyX, TinyY, classes: 2, varianceSmoothing: 0);

        Assert.Equal([2, 2, 2, 6], model.Means);
        // Pooled within-class squared residuals over m = 5: feature 0: 1 + 1 + 4 + 0 + 4; feature 1: 0 + 0 + 1 + 1 + 0.
        Assert.Equal(10.0 / 5, model.Variances[0], 12);
        Assert.Equal(2.0 / 5, model.Variances[1], 12);
        Assert.Equal([0.4, 0.6], model.Priors);

        var smoothed = GaussianNaiveBayes.Fit(TinyX, TinyY, classes: 2, varianceSmoothing: 1e-3);
        Assert.Equal(2 + 1e-3 * 2, smoothed.Variances[0], 12);
        Assert.Equal(0.4 + 1e-3 * 2, smoothed.Variances[1], 12);
    }

    [Fact]
    public void Naive_bayes_linear_scores_differ_between_classes_as_its_log_posteriors_do()
    {
        var model = GaussianNaiveBayes.Fit(TinyX, TinyY, classes: 2);
        var linear = model.ToLinear();
        foreach (double[] x in new[] { new[] { 0.5, 3.0 }, [2.0, 4.0], [-1.0, 9.0] })
        {
            double LogPosterior(int k) => Math.Log(model.Priors[k]) + Enumerable.Range(0, 2).Sum(j =>
                -0.5 * Math.Log(2 * Math.PI * model.Variances[j]) - Math.Pow(x[j] - model.Means[k * 2 + j], 2) / (2 * model.Variances[j]));
            double Score(int k) => linear.Biases[k] + linear.Weights[k * 2] * x[0] + linear.Weights[k * 2 + 1] * x[1];

            Assert.Equal(LogPosterior(1) - LogPosterior(0), Score(1) - Score(0), 9);
            Assert.Equal(LogPosterior(1) > LogPosterior(0) ? 1 : 0, linear.Predict(x));
        }
    }

    private static (double[] X, int[] Y, double[] Theta) ThreeClassExample()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 14).Select(_ => random.NextDouble() * 4 - 2).ToArray(); // 7 rows, 2 features
        int[] y = [0, 1, 2, 2, 1, 0, 1];
        var theta = Enumerable.Range(0, MultinomialLogisticRegression.ParameterCount(2, 3)).Select(_ => random.NextDouble() - 0.5).ToArray();
        return (x, y, theta);
    }

    [Fact]
    public void Logistic_objective_is_the_summed_softmax_log_loss_plus_the_weight_penalty()
    {
        var (x, y, theta) = ThreeClassExample();
        const double l2 = 0.7;
        var expected = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            // Logit 0 for the reference class; block c - 1 = (w_c1, w_c2, b_c).
            var z = new[] { 0, theta[0] * x[2 * i] + theta[1] * x[2 * i + 1] + theta[2], theta[3] * x[2 * i] + theta[4] * x[2 * i + 1] + theta[5] };
            expected += Math.Log(z.Sum(Math.Exp)) - z[y[i]];
        }

        expected += l2 / 2 * (theta[0] * theta[0] + theta[1] * theta[1] + theta[3] * theta[3] + theta[4] * theta[4]);
        Assert.Equal(expected, MultinomialLogisticRegression.Objective(theta, x, y, 3, l2), 10);
    }

    [Fact]
    public void Logistic_gradient_matches_central_finite_differences()
    {
        var (x, y, theta) = ThreeClassExample();
        var gradient = MultinomialLogisticRegression.Gradient(theta, x, y, 3, 0.7);
        const double h = 1e-6;
        for (var a = 0; a < theta.Length; a++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[a] += h;
            minus[a] -= h;
            var numeric = (MultinomialLogisticRegression.Objective(plus, x, y, 3, 0.7) - MultinomialLogisticRegression.Objective(minus, x, y, 3, 0.7)) / (2 * h);
            Assert.Equal(numeric, gradient[a], 6);
        }
    }

    [Fact]
    public void Newton_fit_reaches_a_stationary_point_even_on_a_separable_sample()
    {
        // Three well-separated clusters: without the penalty the likelihood would have no maximiser.
        double[] x = [-3, 0, -3.2, 0.1, 3, 0, 3.1, -0.2, 0, 3, 0.2, 3.3];
        int[] y = [0, 0, 1, 1, 2, 2];
        var theta = MultinomialLogisticRegression.Fit(x, y, 3, l2: 1);

        Assert.All(MultinomialLogisticRegression.Gradient(theta, x, y, 3, 1), g => Assert.True(Math.Abs(g) < 1e-6, $"gradient component {g}"));
        Assert.Equal(0, MultinomialLogisticRegression.ToLinear(theta, 2, 3).ErrorRate(x, y));
    }

    [Fact]
    public void Bayes_rule_error_matches_the_normal_tail_of_half_the_mean_distance()
    {
        // n = 2 with the noisy half: s = (sigma sqrt 2, sigma), mean gap 2 per feature, so d^2 = 4 / (2 sigma^2) + 4 / sigma^2
        // = 6 / sigma^2; sigma = sqrt(6) / 2 gives d = 2 and a Bayes error Phi(-d / 2) = Phi(-1) = 0.158655.
        var task = new ShiftedGaussianClasses(classes: 2, features: 2, noiseStd: Math.Sqrt(6) / 2, noisyHalf: true);
        Assert.Equal([Math.Sqrt(3), Math.Sqrt(6) / 2], task.FeatureStd.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        var (x, y) = task.Draw(new Random(11), 200_000);

        Assert.Equal(0.158655, task.BayesRule().ErrorRate(x, y), 0.004); // 5 standard errors of a 200,000-row estimate
    }

    [Fact]
    public void Sample_grid_is_geometric_in_balanced_sizes_and_convergence_counts_from_where_the_error_stays_close()
    {
        var grid = NaiveBayesVsLogistic.SampleGrid(4, 100, 1.25, 3);
        Assert.All(grid, m => Assert.True(m % 3 == 0 && m >= 6 && m <= 100));
        Assert.True(grid.Zip(grid.Skip(1)).All(p => p.Second > p.First));
        Assert.Equal(6, grid[0]);

        int[] sizes = [10, 20, 40, 80];
        Assert.Equal(80, NaiveBayesVsLogistic.SamplesToAsymptote(sizes, [0.5, 0.2, 0.35, 0.21], 0.2, 0.02));
        Assert.Equal(10, NaiveBayesVsLogistic.SamplesToAsymptote(sizes, [0.21, 0.2, 0.2, 0.2], 0.2, 0.02));
        Assert.True(double.IsNaN(NaiveBayesVsLogistic.SamplesToAsymptote(sizes, [0.2, 0.2, 0.2, 0.3], 0.2, 0.02)));
    }

    [Fact]
    public void Bad_options_are_rejected_with_the_component_and_option_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new NaiveBayesVsLogistic(new NaiveBayesVsLogisticOptions { Classes = 1 }));
        Assert.Contains("naive-bayes-vs-logistic", error.Message);
        Assert.Contains("'classes'", error.Message);
        Assert.Throws<ArgumentException>(() => new NaiveBayesVsLogistic(new NaiveBayesVsLogisticOptions { Dimensions = [] }));
        Assert.Contains("'minSamples/maxSamples'", Assert.Throws<ArgumentException>(() => new NaiveBayesVsLogistic(new NaiveBayesVsLogisticOptions { MinSamples = 5, MaxSamples = 5 })).Message);
    }

    [Fact]
    public void Same_seed_gives_identical_tables_and_cancellation_stops_the_run()
    {
        var options = new NaiveBayesVsLogisticOptions { Dimensions = [3], MaxSamples = 40, Repetitions = 2, TestSamples = 500 };
        var first = new NaiveBayesVsLogistic(options).Run(new ExperimentContext(5, null, CancellationToken.None));
        var second = new NaiveBayesVsLogistic(options).Run(new ExperimentContext(5, null, CancellationToken.None));
        Assert.Equal(first.Tables.SelectMany(t => t.Rows.SelectMany(r => r)), second.Tables.SelectMany(t => t.Rows.SelectMany(r => r)));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new NaiveBayesVsLogistic(options).Run(new ExperimentContext(5, null, cancelled.Token)));
    }

    [Fact]
    public void Naive_bayes_needs_fewer_samples_and_the_gap_widens_with_the_dimension()
    {
        var options = new NaiveBayesVsLogisticOptions { Dimensions = [2, 8, 32], Repetitions = 10, MaxSamples = 2048, TestSamples = 5000 };
        var lines = new List<string>();
        var result = new NaiveBayesVsLogistic(options).Run(new ExperimentContext(1, lines.Add, CancellationToken.None));
        var summary = result.Tables.Single(t => t.Name == "samples_to_asymptote").Rows;
        Assert.Equal(3, lines.Count); // a progress line per dimension

        // Columns: dimension, asymptotic error, naive Bayes samples, logistic samples, ratio.
        var (small, middle, large) = (summary[0], summary[1], summary[2]);
        Assert.All(summary, row => Assert.False(double.IsNaN(row[2]) || double.IsNaN(row[3]), "both methods reach the tolerance within the grid"));
        // At n = 2 there is no consistent winner (measured LR / NB ratios 1.0, 1.3, 1.0, 0.65, 1.2 for seeds 1 to 5), so
        // "fewer at every dimension" is asserted from n = 8 on only.
        Assert.True(middle[2] < middle[3], $"n = 8: naive Bayes {middle[2]}, logistic regression {middle[3]}");
        Assert.True(large[2] < large[3], $"n = 32: naive Bayes {large[2]}, logistic regression {large[3]}");
        Assert.True(large[4] > small[4], $"ratio at n = 32 ({large[4]}) above the ratio at n = 2 ({small[4]})");
    }
}
