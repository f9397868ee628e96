namespace ActorLab.Plugins.Losses.Studies;

/// <summary>
/// Gaussian naive Bayes as in Ng &amp; Jordan, "On Discriminative vs. Generative Classifiers: A comparison of logistic
/// regression and naive Bayes" (NIPS 2001): x_j | y = k ~ N(mu_kj, sigma_j^2), features independent given the class,
/// the variance of a feature shared by the classes. Maximum-likelihood fit in closed form:
/// pi_k = m_k / m, mu_kj = (1 / m_k) sum_{i: y_i = k} x_ij, sigma_j^2 = (1 / m) sum_i (x_ij - mu_{y_i j})^2 + eps,
/// with eps = <c>varianceSmoothing</c> * max_j of the unsmoothed variances (guards a constant feature). The
/// log-posterior log pi_k - sum_j (x_j - mu_kj)^2 / (2 sigma_j^2) is linear in x up to a term common to all classes,
/// so the classifier is <see cref="ToLinear"/>: w_kj = mu_kj / sigma_j^2, b_k = log pi_k - sum_j mu_kj^2 / (2 sigma_j^2).
/// </summary>
public sealed class GaussianNaiveBayes
{
    private GaussianNaiveBayes(double[] means, double[] variances, double[] priors)
    {
        Means = means;
        Variances = variances;
        Priors = priors;
    }

    /// <summary>mu, K x n row-major.</summary>
    public double[] Means { get; }

    /// <summary>sigma_j^2, one per feature (pooled within-class maximum-likelihood variance, smoothed).</summary>
    public double[] Variances { get; }

    /// <summary>pi_k, the class frequencies of the training rows.</summary>
    public double[] Priors { get; }

    /// <summary>Fits the model to <paramref name="x"/> (row-major, <paramref name="y"/>.Length rows) with labels in [0, classes).</summary>
    public static GaussianNaiveBayes Fit(double[] x, int[] y, int classes, double varianceSmoothing = 1e-9)
    {
        var rows = y.Length;
        if (rows == 0 || x.Length % rows != 0)
        {
            throw new ArgumentException($"naive Bayes: x ({x.Length} values) must hold {rows} rows of equal length");
        }

        var n = x.Length / rows;
        var counts = new int[classes];
        var means = new double[classes * n];
        for (var i = 0; i < rows; i++)
        {
            counts[y[i]]++;
            for (var j = 0; j < n; j++)
            {
                means[y[i] * n + j] += x[i * n + j];
            }
        }

        for (var k = 0; k < classes; k++)
        {
            if (counts[k] == 0)
            {
                throw new ArgumentException($"naive Bayes: class {k} has no training rows");
            }

            for (var j = 0; j < n; j++)
            {
                means[k * n + j] /= counts[k];
            }
        }

        var variances = new double[n];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var r = x[i * n + j] - means[y[i] * n + j];
                variances[j] += r * r / rows;
            }
        }

        var epsilon = varianceSmoothing * variances.Max();
        for (var j = 0; j < n; j++)
        {
            variances[j] += epsilon;
        }

        return new GaussianNaiveBayes(means, variances, counts.Select(c => (double)c / rows).ToArray());
    }

    /// <summary>The classifier argmax_k log pi_k + log p(x | k), as the equivalent linear scores.</summary>
    public LinearClassifier ToLinear()
    {
        var (classes, n) = (Priors.Length, Variances.Length);
        var weights = new double[classes * n];
        var biases = new double[classes];
        for (var k = 0; k < classes; k++)
        {
            biases[k] = Math.Log(Priors[k]);
            for (var j = 0; j < n; j++)
            {
                var mu = Means[k * n + j];
                weights[k * n + j] = mu / Variances[j];
                biases[k] -= mu * mu / (2 * Variances[j]);
            }
        }

        return new LinearClassifier(weights, biases);
    }
}
