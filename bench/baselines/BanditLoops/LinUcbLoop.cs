namespace BanditLoops;

/// <summary>
/// Disjoint LinUCB (Li, Chu, Langford &amp; Schapire 2010, Algorithm 1; alpha = 1, A_a = I + sum x x^T) on a
/// linear-Gaussian contextual bandit: theta_a ~ N(0, I_d) per repetition, a fresh context x ~ N(0, I_d / d) each step,
/// reward theta_a . x + N(0, 0.1^2). A_a^-1 is kept by Sherman-Morrison. Returns the pseudo-regret,
/// sum_t (max_a theta_a . x_t - theta_{a_t} . x_t).
/// </summary>
internal static class LinUcbLoop
{
    private const double Alpha = 1.0;
    private const double Noise = 0.1;

    public static double Run(Random random, int arms, int d, long steps)
    {
        var normal = new Gaussian(random);
        var theta = new double[arms, d];
        for (var a = 0; a < arms; a++)
        {
            for (var j = 0; j < d; j++)
            {
                theta[a, j] = normal.Next();
            }
        }

        var inverse = new double[arms][];
        var b = new double[arms][];
        for (var a = 0; a < arms; a++)
        {
            inverse[a] = new double[d * d];
            for (var i = 0; i < d; i++)
            {
                inverse[a][i * d + i] = 1.0;
            }

            b[a] = new double[d];
        }

        var x = new double[d];
        var u = new double[d];
        var expected = new double[arms];
        var scale = 1.0 / Math.Sqrt(d);
        var regret = 0.0;
        for (long t = 0; t < steps; t++)
        {
            for (var j = 0; j < d; j++)
            {
                x[j] = scale * normal.Next();
            }

            var bestExpected = double.NegativeInfinity;
            for (var a = 0; a < arms; a++)
            {
                var dot = 0.0;
                for (var j = 0; j < d; j++)
                {
                    dot += theta[a, j] * x[j];
                }

                expected[a] = dot;
                bestExpected = Math.Max(bestExpected, dot);
            }

            var arm = 0;
            var bestScore = double.NegativeInfinity;
            for (var a = 0; a < arms; a++)
            {
                var m = inverse[a];
                double mean = 0, width = 0;
                for (var i = 0; i < d; i++)
                {
                    var ui = 0.0;
                    for (var j = 0; j < d; j++)
                    {
                        ui += m[i * d + j] * x[j];
                    }

                    mean += ui * b[a][i];
                    width += ui * x[i];
                }

                var score = mean + Alpha * Math.Sqrt(Math.Max(0, width));
                if (score > bestScore)
                {
                    bestScore = score;
                    arm = a;
                }
            }

            var reward = expected[arm] + Noise * normal.Next();
            var chosen = inverse[arm];
            var denominator = 1.0;
            for (var i = 0; i < d; i++)
            {
                var ui = 0.0;
                for (var j = 0; j < d; j++)
                {
                    ui += chosen[i * d + j] * x[j];
                }

                u[i] = ui;
                denominator += x[i] * ui;
                b[arm][i] += reward * x[i];
            }

            for (var i = 0; i < d; i++)
            {
                var ui = u[i] / denominator;
                for (var j = 0; j < d; j++)
                {
                    chosen[i * d + j] -= ui * u[j];
                }
            }

            regret += bestExpected - expected[arm];
        }

        return regret;
    }
}
