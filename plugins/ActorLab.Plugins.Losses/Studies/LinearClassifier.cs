namespace ActorLab.Plugins.Losses.Studies;

/// <summary>
/// A K-class linear classifier: score_k(x) = w_k . x + b_k, prediction argmax_k score_k (ties to the lower class).
/// Gaussian naive Bayes with a variance per feature shared by the classes, multinomial logistic regression and the
/// Bayes rule of Gaussian classes with a shared diagonal covariance all take this form, so one error count serves
/// them all.
/// </summary>
public sealed class LinearClassifier
{
    /// <summary>Creates the classifier from K x n row-major weights and K biases.</summary>
    public LinearClassifier(double[] weights, double[] biases)
    {
        if (biases.Length == 0 || weights.Length % biases.Length != 0)
        {
            throw new ArgumentException($"linear classifier: weights ({weights.Length}) must be classes ({biases.Length}) x features");
        }

        Weights = weights;
        Biases = biases;
        Features = weights.Length / biases.Length;
    }

    /// <summary>K x n row-major: row k is w_k.</summary>
    public double[] Weights { get; }

    /// <summary>b_k.</summary>
    public double[] Biases { get; }

    /// <summary>K.</summary>
    public int Classes => Biases.Length;

    /// <summary>n.</summary>
    public int Features { get; }

    /// <summary>argmax_k w_k . x + b_k.</summary>
    public int Predict(ReadOnlySpan<double> x)
    {
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var k = 0; k < Classes; k++)
        {
            var score = Biases[k];
            var w = Weights.AsSpan(k * Features, Features);
            for (var j = 0; j < Features; j++)
            {
                score += w[j] * x[j];
            }

            if (score > bestScore)
            {
                (best, bestScore) = (k, score);
            }
        }

        return best;
    }

    /// <summary>Share of the rows of <paramref name="x"/> (row-major, n per row) whose prediction differs from <paramref name="y"/>.</summary>
    public double ErrorRate(double[] x, int[] y)
    {
        var errors = 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (Predict(x.AsSpan(i * Features, Features)) != y[i])
            {
                errors++;
            }
        }

        return (double)errors / y.Length;
    }
}
