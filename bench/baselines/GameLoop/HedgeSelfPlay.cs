namespace GameLoop;

/// <summary>
/// Hedge self-play (Freund &amp; Schapire 1997; Cesa-Bianchi &amp; Lugosi, "Prediction, Learning, and Games", Thm 2.2)
/// on a K x K random game, payoffs U[0, 1] per player, losses the payoffs rescaled to [0, 1] as max - payoff over the
/// range. Each round both players state p_t(a) proportional to exp(-eta L_{t-1}(a)) (relative to min L, so exp never
/// underflows), with eta = sqrt(8 ln K / T) (ActorLab's hedge default under full feedback); each samples its action,
/// and each receives the full expected loss vector against the other's mixed strategy and adds it to L. Tracks
/// external regret and the empirical joint play, as a researcher's loop would to report them.
/// </summary>
internal static class HedgeSelfPlay
{
    /// <summary>Plays one repetition; returns the mean of the two players' external regret at the horizon.</summary>
    public static double Run(Random random, int k, long rounds)
    {
        // Payoffs row-major [a * k + b], a the row player's action, b the column player's.
        var payoffs = new double[2][];
        for (var i = 0; i < 2; i++)
        {
            payoffs[i] = new double[k * k];
            for (var j = 0; j < k * k; j++)
            {
                payoffs[i][j] = random.NextDouble();
            }
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var table in payoffs)
        {
            min = Math.Min(min, table.Min());
            max = Math.Max(max, table.Max());
        }

        // rowLoss[a * k + b] = L_row(a, b); colLoss[b * k + a] = L_col(a, b), laid out by the column player's own action.
        var rowLoss = new double[k * k];
        var colLoss = new double[k * k];
        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < k; b++)
            {
                rowLoss[a * k + b] = (max - payoffs[0][a * k + b]) / (max - min);
                colLoss[b * k + a] = (max - payoffs[1][a * k + b]) / (max - min);
            }
        }

        var eta = Math.Sqrt(8 * Math.Log(k) / rounds);
        var p = new double[k];
        var q = new double[k];
        var lossP = new double[k];
        var lossQ = new double[k];
        var cumP = new double[k];
        var cumQ = new double[k];
        var sumP = new double[k];
        var sumQ = new double[k];
        var joint = new long[k * k];
        double expectedP = 0, expectedQ = 0;

        for (long t = 0; t < rounds; t++)
        {
            Weights(cumP, eta, p);
            Weights(cumQ, eta, q);
            var a = Sample(random, p);
            var b = Sample(random, q);
            joint[a * k + b]++;

            ExpectedLosses(rowLoss, q, lossP);
            ExpectedLosses(colLoss, p, lossQ);
            for (var i = 0; i < k; i++)
            {
                expectedP += p[i] * lossP[i];
                expectedQ += q[i] * lossQ[i];
                sumP[i] += p[i];
                sumQ[i] += q[i];
                cumP[i] += lossP[i];
                cumQ[i] += lossQ[i];
            }
        }

        return (expectedP - cumP.Min() + expectedQ - cumQ.Min()) / 2;
    }

    private static void Weights(double[] cumulative, double eta, double[] strategy)
    {
        var min = cumulative.Min();
        double sum = 0;
        for (var a = 0; a < strategy.Length; a++)
        {
            strategy[a] = Math.Exp(-eta * (cumulative[a] - min));
            sum += strategy[a];
        }

        for (var a = 0; a < strategy.Length; a++)
        {
            strategy[a] /= sum;
        }
    }

    // losses[a] = sum_b other(b) table[a * k + b]
    private static void ExpectedLosses(double[] table, double[] other, double[] losses)
    {
        var k = other.Length;
        for (var a = 0; a < k; a++)
        {
            double sum = 0;
            for (var b = 0; b < k; b++)
            {
                sum += other[b] * table[a * k + b];
            }

            losses[a] = sum;
        }
    }

    private static int Sample(Random random, double[] strategy)
    {
        var u = random.NextDouble();
        double cumulative = 0;
        for (var a = 0; a < strategy.Length - 1; a++)
        {
            cumulative += strategy[a];
            if (u < cumulative)
            {
                return a;
            }
        }

        return strategy.Length - 1;
    }
}
