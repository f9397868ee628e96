using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Losses.Studies;

/// <summary>
/// The simulation task of Zheng et al., "Revisiting Discriminative vs. Generative Classifiers: Theory and
/// Implications" (ICML 2023): K Gaussian classes in n dimensions with equal priors, class k centred at a_k 1
/// (the ones vector) with a_0 = -1 and a_k = 2^(k-1) for k &gt;= 1, and a diagonal covariance shared by the classes.
/// Feature j has standard deviation s_j = noiseStd, except that with <c>noisyHalf</c> the first floor(n / 2) features
/// have s_j = noiseStd sqrt(n) (the paper's covariance, half the features nearly uninformative). The Bayes rule is
/// linear: w_kj = a_k / s_j^2, b_k = -a_k^2 sum_j 1 / (2 s_j^2); both naive Bayes (the model is exactly right) and
/// logistic regression (the log-odds are exactly linear) tend to it as the training sample grows.
/// </summary>
public sealed class ShiftedGaussianClasses
{
    private readonly double[] _std;

    /// <summary>Creates the task.</summary>
    public ShiftedGaussianClasses(int classes, int features, double noiseStd, bool noisyHalf)
    {
        Classes = classes;
        Features = features;
        _std = Enumerable.Range(0, features)
            .Select(j => noisyHalf && j < features / 2 ? noiseStd * Math.Sqrt(features) : noiseStd)
            .ToArray();
    }

    /// <summary>K.</summary>
    public int Classes { get; }

    /// <summary>n.</summary>
    public int Features { get; }

    /// <summary>s_j.</summary>
    public IReadOnlyList<double> FeatureStd => _std;

    /// <summary>a_k: -1 for class 0, 2^(k-1) otherwise.</summary>
    public static double ClassShift(int k) => k == 0 ? -1 : Math.Pow(2, k - 1);

    /// <summary>
    /// Draws <paramref name="rows"/> rows with labels cycling 0, 1, ..., K - 1, so every prefix whose length is a
    /// multiple of K is balanced (nested training sets of growing size). Returns row-major x and y.
    /// </summary>
    public (double[] X, int[] Y) Draw(Random random, int rows)
    {
        var x = new double[rows * Features];
        var y = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            y[i] = i % Classes;
            var shift = ClassShift(y[i]);
            for (var j = 0; j < Features; j++)
            {
                x[i * Features + j] = random.NextGaussian(shift, _std[j]);
            }
        }

        return (x, y);
    }

    /// <summary>The Bayes rule (equal priors), the limit of both classifiers.</summary>
    public LinearClassifier BayesRule()
    {
        var weights = new double[Classes * Features];
        var biases = new double[Classes];
        for (var k = 0; k < Classes; k++)
        {
            var a = ClassShift(k);
            for (var j = 0; j < Features; j++)
            {
                var precision = 1 / (_std[j] * _std[j]);
                weights[k * Features + j] = a * precision;
                biases[k] -= a * a * precision / 2;
            }
        }

        return new LinearClassifier(weights, biases);
    }
}
