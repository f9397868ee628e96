namespace ActorLab.Host.Games;

/// <summary>
/// The regression-based sublinearity check of Park, Liu, Ozdaglar &amp; Zhang ("Do LLM Agents Have Regret?", ICLR
/// 2025): fit log R_t = b0 + b1 log t by least squares over the checkpoints and call the regret sublinear when the
/// one-sided 95 % upper bound of b1 is below 1. Checkpoints with R_t &lt;= 0 cannot be logged; when fewer than three
/// remain the regret is not growing at all and the verdict is sublinear.
/// </summary>
public static class SublinearityTest
{
    /// <summary>The verdict for regrets <paramref name="regret"/> at rounds <paramref name="rounds"/>.</summary>
    public static SublinearityVerdict Check(IReadOnlyList<long> rounds, IReadOnlyList<double> regret)
    {
        var points = rounds.Zip(regret, (t, r) => (Round: t, Regret: r)).Where(p => p.Round > 0 && p.Regret > 0).Select(p => (X: Math.Log(p.Round), Y: Math.Log(p.Regret))).ToList();
        if (points.Count < 3)
        {
            return new SublinearityVerdict(double.NaN, double.NaN, true, points.Count);
        }

        var n = points.Count;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        var slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
        var residual = points.Sum(p => Math.Pow(p.Y - my - slope * (p.X - mx), 2));
        var se = Math.Sqrt(residual / (n - 2) / sxx);
        var upper = slope + StudentT95(n - 2) * se;
        return new SublinearityVerdict(slope, upper, upper < 1, n);
    }

    /// <summary>The one-sided 95 % quantile of Student's t with <paramref name="df"/> degrees of freedom (Cornish-Fisher expansion, exact to 1e-3 for df &gt;= 3).</summary>
    private static double StudentT95(int df)
    {
        if (df <= 2)
        {
            return df == 1 ? 6.314 : 2.920;
        }

        const double z = 1.6448536;
        double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384.0 * df * df * df);
    }
}
