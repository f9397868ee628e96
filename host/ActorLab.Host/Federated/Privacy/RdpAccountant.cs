namespace ActorLab.Host.Federated.Privacy;

/// <summary>
/// Rényi-DP accountant for the sampled Gaussian mechanism (Mironov 2017; Mironov, Talwar &amp; Zhang 2019),
/// as used by DP-FedAvg: each round samples a share q of the clients and adds Gaussian noise with multiplier
/// sigma (noise standard deviation / clipping norm). For integer orders alpha &gt;= 2 the per-round RDP is
/// log(sum_k C(alpha, k) (1 - q)^(alpha - k) q^k exp((k^2 - k) / (2 sigma^2))) / (alpha - 1); T rounds compose
/// additively, and epsilon at delta is min over alpha of T rdp(alpha) + log(1 / delta) / (alpha - 1).
/// The formula assumes Poisson sampling; ActorLab samples a fixed number of clients, which is the usual
/// approximation (Flower and Opacus account the same way). With q = 1 it is the Gaussian mechanism's
/// alpha / (2 sigma^2).
/// </summary>
public static class RdpAccountant
{
    private static readonly int[] Orders = [.. Enumerable.Range(2, 255)];

    /// <summary>Epsilon after <paramref name="rounds"/> rounds, at <paramref name="delta"/>.</summary>
    public static double Epsilon(double samplingRate, double noiseMultiplier, int rounds, double delta)
    {
        if (rounds == 0)
        {
            return 0;
        }

        if (noiseMultiplier <= 0)
        {
            return double.PositiveInfinity;
        }

        return Orders.Min(alpha => rounds * Rdp(samplingRate, noiseMultiplier, alpha) + Math.Log(1 / delta) / (alpha - 1));
    }

    /// <summary>RDP of one round at integer order <paramref name="alpha"/>, computed in log space.</summary>
    public static double Rdp(double q, double sigma, int alpha)
    {
        if (q >= 1)
        {
            return alpha / (2 * sigma * sigma);
        }

        var terms = new double[alpha + 1];
        for (var k = 0; k <= alpha; k++)
        {
            terms[k] = LogBinomial(alpha, k) + (alpha - k) * Math.Log(1 - q) + (k == 0 ? 0 : k * Math.Log(q))
                + (k * (double)k - k) / (2 * sigma * sigma);
        }

        var max = terms.Max();
        return (max + Math.Log(terms.Sum(t => Math.Exp(t - max)))) / (alpha - 1);
    }

    private static double LogBinomial(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(int n)
    {
        double sum = 0;
        for (var i = 2; i <= n; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }
}
