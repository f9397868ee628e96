namespace ActorLab.Host.Bandits.OffPolicy;

/// <summary>
/// The reward model of the direct method and doubly robust estimator for contextual logs: per arm, ridge regression of
/// the logged reward on [x, 1] over the steps where that arm was logged, theta_a = (X^T X + lambda I)^-1 X^T r, solved
/// by a Cholesky factorisation. Arms never logged predict 0.
/// </summary>
public static class RidgeRewardModel
{
    /// <summary>Fits the model on <paramref name="log"/>; returns rhat(x, a).</summary>
    public static Func<float[], int, double> Fit(IReadOnlyList<LoggedStep> log, int arms, double lambda = 1.0)
    {
        var d = (log.Count == 0 ? 0 : log[0].Context.Length) + 1;
        var thetas = new double[arms][];
        for (var a = 0; a < arms; a++)
        {
            var gram = new double[d * d];
            var moment = new double[d];
            for (var i = 0; i < d; i++)
            {
                gram[i * d + i] = lambda;
            }

            var seen = false;
            var x = new double[d];
            foreach (var step in log)
            {
                if (step.Action != a)
                {
                    continue;
                }

                seen = true;
                Features(step.Context, x);
                for (var i = 0; i < d; i++)
                {
                    moment[i] += step.Reward * x[i];
                    for (var j = 0; j <= i; j++)
                    {
                        gram[i * d + j] += x[i] * x[j];
                    }
                }
            }

            thetas[a] = seen ? SolveSymmetric(gram, moment, d) : new double[d];
        }

        return (context, arm) =>
        {
            var theta = thetas[arm];
            var sum = theta[d - 1];
            for (var j = 0; j < d - 1; j++)
            {
                sum += theta[j] * context[j];
            }

            return sum;
        };
    }

    private static void Features(float[] context, double[] x)
    {
        for (var j = 0; j < context.Length; j++)
        {
            x[j] = context[j];
        }

        x[^1] = 1;
    }

    /// <summary>Solves A theta = b for symmetric positive definite A given by its lower triangle (Cholesky, in place).</summary>
    private static double[] SolveSymmetric(double[] a, double[] b, int d)
    {
        for (var j = 0; j < d; j++)
        {
            var diagonal = a[j * d + j];
            for (var k = 0; k < j; k++)
            {
                diagonal -= a[j * d + k] * a[j * d + k];
            }

            a[j * d + j] = Math.Sqrt(diagonal);
            for (var i = j + 1; i < d; i++)
            {
                var sum = a[i * d + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= a[i * d + k] * a[j * d + k];
                }

                a[i * d + j] = sum / a[j * d + j];
            }
        }

        var y = new double[d];
        for (var i = 0; i < d; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= a[i * d + k] * y[k];
            }

            y[i] = sum / a[i * d + i];
        }

        var theta = new double[d];
        for (var i = d - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < d; k++)
            {
                sum -= a[k * d + i] * theta[k];
            }

            theta[i] = sum / a[i * d + i];
        }

        return theta;
    }
}
