namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>
/// The action distributions of the regression-oracle reductions, written for predicted rewards rhat (loss = -reward,
/// so only gaps matter), with b = argmax_a rhat_a the greedy arm:
/// SquareCB (Foster &amp; Rakhlin, "Beyond UCB", ICML 2020): p_a = 1 / (K + gamma (rhat_b - rhat_a)) for a != b;
/// FastCB (Foster &amp; Krishnamurthy, "Efficient First-Order Contextual Bandits", NeurIPS 2021), on predicted losses
/// lhat = 1 - rhat in [0, 1]: p_a = lhat_b / (K lhat_b + gamma (lhat_a - lhat_b)) for a != b.
/// In both, the greedy arm gets the rest of the mass.
/// </summary>
internal static class InverseGapWeighting
{
    /// <summary>Fills <paramref name="probabilities"/> with SquareCB's distribution.</summary>
    public static void SquareCb(ReadOnlySpan<double> predictedRewards, double gamma, Span<double> probabilities)
    {
        var k = predictedRewards.Length;
        var best = ArmStatistics.Argmax(predictedRewards);
        double others = 0;
        for (var a = 0; a < k; a++)
        {
            if (a != best)
            {
                probabilities[a] = 1 / (k + gamma * (predictedRewards[best] - predictedRewards[a]));
                others += probabilities[a];
            }
        }

        probabilities[best] = 1 - others;
    }

    /// <summary>Fills <paramref name="probabilities"/> with FastCB's distribution; predicted rewards must lie in [0, 1].</summary>
    public static void FastCb(ReadOnlySpan<double> predictedRewards, double gamma, Span<double> probabilities)
    {
        var k = predictedRewards.Length;
        var best = ArmStatistics.Argmax(predictedRewards);
        var bestLoss = 1 - predictedRewards[best];
        double others = 0;
        for (var a = 0; a < k; a++)
        {
            if (a != best)
            {
                var denominator = k * bestLoss + gamma * (predictedRewards[best] - predictedRewards[a]);
                probabilities[a] = denominator > 0 ? bestLoss / denominator : 1.0 / k; // all predictions equal and perfect: uniform
                others += probabilities[a];
            }
        }

        probabilities[best] = 1 - others;
    }

    /// <summary>gamma_t = scale * t^exponent, t the 1-based step.</summary>
    public static double Gamma(double scale, double exponent, long step) => scale * Math.Pow(step + 1, exponent);

    /// <summary>Draws an arm from <paramref name="probabilities"/> with the uniform <paramref name="u"/>.</summary>
    public static int Sample(ReadOnlySpan<double> probabilities, double u)
    {
        double cumulative = 0;
        for (var a = 0; a < probabilities.Length - 1; a++)
        {
            cumulative += probabilities[a];
            if (u < cumulative)
            {
                return a;
            }
        }

        return probabilities.Length - 1;
    }
}
