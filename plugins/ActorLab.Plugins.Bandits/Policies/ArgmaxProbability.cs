namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>
/// The probability that arm w's draw is the largest of K independent continuous draws, the propensity of a Thompson
/// sampling step: P(w) = integral f_w(s) prod_{b != w} F_b(s) ds. Integrated by the trapezoid rule on the union of
/// per-arm grids (each arm's centre +- 8 scales, <see cref="NodesPerArm"/> nodes), so a narrow posterior next to a
/// wide one is still resolved. Costs O(K^2 NodesPerArm), which is why policies compute it only when a log asks.
/// </summary>
internal static class ArgmaxProbability
{
    private const int NodesPerArm = 200;

    /// <summary>For independent N(means[a], sds[a]^2).</summary>
    public static double OfGaussians(ReadOnlySpan<double> means, ReadOnlySpan<double> sds, int winner)
    {
        var m = means.ToArray();
        var s = sds.ToArray();
        return Integrate(m.Length, winner, a => (m[a] - 8 * s[a], m[a] + 8 * s[a]),
            (a, x) => Math.Exp(-0.5 * Square((x - m[a]) / s[a])) / (s[a] * Math.Sqrt(2 * Math.PI)),
            (a, x) => NormalCdf((x - m[a]) / s[a]));
    }

    /// <summary>For independent Beta(alphas[a], betas[a]).</summary>
    public static double OfBetas(ReadOnlySpan<double> alphas, ReadOnlySpan<double> betas, int winner)
    {
        var al = alphas.ToArray();
        var be = betas.ToArray();
        var logNorm = al.Select((a, i) => LogGamma(a + be[i]) - LogGamma(a) - LogGamma(be[i])).ToArray();
        return Integrate(al.Length, winner, a =>
            {
                var n = al[a] + be[a];
                var mean = al[a] / n;
                var sd = Math.Sqrt(al[a] * be[a] / (n * n * (n + 1)));
                return (Math.Max(0, mean - 8 * sd), Math.Min(1, mean + 8 * sd));
            },
            (a, x) =>
            {
                // The grid reaches the ends of [0, 1], where a Beta(1, b) density is finite and positive: evaluate just inside.
                x = Math.Clamp(x, 1e-12, 1 - 1e-12);
                return Math.Exp(logNorm[a] + (al[a] - 1) * Math.Log(x) + (be[a] - 1) * Math.Log(1 - x));
            },
            (a, x) => RegularizedIncompleteBeta(al[a], be[a], x));
    }

    private static double Integrate(int arms, int winner, Func<int, (double Low, double High)> range, Func<int, double, double> pdf, Func<int, double, double> cdf)
    {
        var nodes = new List<double>(arms * NodesPerArm);
        for (var a = 0; a < arms; a++)
        {
            var (low, high) = range(a);
            for (var i = 0; i < NodesPerArm; i++)
            {
                nodes.Add(low + (high - low) * i / (NodesPerArm - 1));
            }
        }

        nodes.Sort();
        double total = 0, previousX = 0, previousY = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            var x = nodes[i];
            var y = pdf(winner, x);
            for (var b = 0; b < arms && y > 0; b++)
            {
                if (b != winner)
                {
                    y *= cdf(b, x);
                }
            }

            if (i > 0)
            {
                total += 0.5 * (x - previousX) * (y + previousY);
            }

            (previousX, previousY) = (x, y);
        }

        return Math.Clamp(total, 0, 1);
    }

    private static double Square(double x) => x * x;

    /// <summary>Phi(z) from erfc (W. J. Cody's rational approximations via the complementary error function).</summary>
    internal static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>erfc with relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>ln Gamma(x) for x &gt; 0 (Lanczos, g = 7, n = 9).</summary>
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        x -= 1;
        var sum = c[0];
        for (var i = 1; i < 9; i++)
        {
            sum += c[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>I_x(a, b), the Beta(a, b) CDF, by the continued fraction (Lentz's method).</summary>
    private static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(a, b, x) / a
            : 1 - front * BetaFraction(b, a, 1 - x) / b;
    }

    private static double BetaFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-12)
            {
                break;
            }
        }

        return h;
    }
}
