namespace ActorLab.Plugins.Losses.Studies;

/// <summary>The update rule of <see cref="LogisticGradientDescent"/>.</summary>
public enum StepRule
{
    /// <summary>LR+GD: w &lt;- w - gamma grad f(w).</summary>
    Plain,

    /// <summary>Normalized LR+GD: w &lt;- w - gamma grad f(w) / f(w).</summary>
    Normalized,

    /// <summary>
    /// The batch perceptron that LR+GD becomes as gamma grows (gamma is ignored): w &lt;- w + (1 / N) sum_i h(m_i) y_i a_i
    /// with h = 1 for a misclassified point (m_i &lt; 0), 1/2 on the boundary (m_i = 0), 0 otherwise; the limit of
    /// w_t / gamma under LR+GD from w_0 = 0, since sigma(-gamma m) tends to h(m).
    /// </summary>
    Perceptron,
}

/// <summary>What one run of <see cref="LogisticGradientDescent.RunUntilSeparated"/> found.</summary>
/// <param name="Iterations">Steps taken until every training point was classified correctly; null if the cap came first.</param>
/// <param name="LossAtSeparation">f at that iterate (at the cap if never separated).</param>
/// <param name="PeakLoss">The largest f over the iterates w_0, ..., w_T.</param>
public sealed record SeparationRun(int? Iterations, double LossAtSeparation, double PeakLoss);

/// <summary>
/// Logistic regression by full-batch gradient descent on a separable set, after Tyurin, "From Logistic Regression to
/// the Perceptron Algorithm: Exploring Gradient Descent with Large Step Sizes" (2024): with margins
/// m_i = y_i a_i . w, the mean logistic loss f(w) = (1 / N) sum_i log(1 + exp(-m_i)) and its gradient
/// grad f(w) = -(1 / N) sum_i sigma(-m_i) y_i a_i; LR+GD steps w &lt;- w - gamma grad f(w), Normalized LR+GD steps
/// w &lt;- w - gamma grad f(w) / f(w), from w_0 = 0. A point counts as classified when m_i &gt; 0.
/// </summary>
public static class LogisticGradientDescent
{
    /// <summary>f(w) for row-major <paramref name="a"/> and labels in {-1, +1}.</summary>
    public static double Loss(double[] w, double[] a, int[] y) => Evaluate(w, a, y, null).Loss;

    /// <summary>grad f(w).</summary>
    public static double[] Gradient(double[] w, double[] a, int[] y)
    {
        var gradient = new double[w.Length];
        Evaluate(w, a, y, gradient);
        return gradient;
    }

    /// <summary>The step w_{t+1} - w_t that <paramref name="rule"/> takes from <paramref name="w"/>.</summary>
    public static double[] Step(double[] w, double[] a, int[] y, double gamma, StepRule rule)
    {
        var step = new double[w.Length];
        var (loss, _) = Evaluate(w, a, y, step, rule == StepRule.Perceptron);
        var scale = rule switch
        {
            StepRule.Plain => -gamma,
            StepRule.Normalized => -gamma / loss,
            _ => -1,
        };
        for (var j = 0; j < step.Length; j++)
        {
            step[j] *= scale;
        }

        return step;
    }

    /// <summary>Runs <paramref name="rule"/> from w = 0 until no point is misclassified or <paramref name="maxIterations"/> steps.</summary>
    public static SeparationRun RunUntilSeparated(double[] a, int[] y, double gamma, StepRule rule, int maxIterations)
    {
        var w = new double[a.Length / y.Length];
        var (loss, mistakes) = Evaluate(w, a, y, null);
        var peak = loss;
        for (var t = 1; t <= maxIterations; t++)
        {
            var step = Step(w, a, y, gamma, rule);
            for (var j = 0; j < w.Length; j++)
            {
                w[j] += step[j];
            }

            (loss, mistakes) = Evaluate(w, a, y, null);
            peak = Math.Max(peak, loss);
            if (mistakes == 0)
            {
                return new SeparationRun(t, loss, peak);
            }
        }

        return new SeparationRun(null, loss, peak);
    }

    /// <summary>
    /// f(w) and the number of points with m_i &lt;= 0; when <paramref name="gradient"/> is given, writes grad f(w)
    /// into it (or, for the perceptron, -(1 / N) sum_i h(m_i) y_i a_i).
    /// </summary>
    private static (double Loss, int Mistakes) Evaluate(double[] w, double[] a, int[] y, double[]? gradient, bool perceptron = false)
    {
        var (rows, d) = (y.Length, w.Length);
        double loss = 0;
        var mistakes = 0;
        if (gradient is not null)
        {
            Array.Clear(gradient);
        }

        for (var i = 0; i < rows; i++)
        {
            var row = a.AsSpan(i * d, d);
            double margin = 0;
            for (var j = 0; j < d; j++)
            {
                margin += w[j] * row[j];
            }

            margin *= y[i];
            loss += Softplus(-margin);
            if (margin <= 0)
            {
                mistakes++;
            }

            if (gradient is null)
            {
                continue;
            }

            var weight = perceptron ? (margin < 0 ? 1 : margin == 0 ? 0.5 : 0) : 1 / (1 + Math.Exp(margin)); // sigma(-m)
            for (var j = 0; j < d; j++)
            {
                gradient[j] -= weight * y[i] * row[j] / rows;
            }
        }

        return (loss / rows, mistakes);
    }

    /// <summary>log(1 + e^z) without overflow, and without losing e^z to rounding when it is tiny.</summary>
    private static double Softplus(double z)
    {
        if (z > 0)
        {
            return z + Softplus(-z);
        }

        var e = Math.Exp(z);
        return e < 1e-8 ? e * (1 - e / 2) : Math.Log(1 + e);
    }
}
