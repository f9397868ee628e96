namespace BanditLoops;

/// <summary>
/// UCB1 (Auer, Cesa-Bianchi &amp; Fischer 2002) on K Bernoulli arms with means drawn per repetition: play each arm once,
/// then argmax mean_a + sqrt(2 ln t / n_a). Returns the repetition's pseudo-regret, sum_t (mu* - mu_{a_t}).
/// </summary>
internal static class Ucb1Loop
{
    public static double Run(Random random, int arms, long steps)
    {
        var means = BernoulliMeans.Draw(random, arms, out var best);

        var pulls = new long[arms];
        var sums = new double[arms];
        var regret = 0.0;
        for (long t = 0; t < steps; t++)
        {
            int arm;
            if (t < arms)
            {
                arm = (int)t;
            }
            else
            {
                var logT = Math.Log(t);
                arm = 0;
                var bestIndex = double.NegativeInfinity;
                for (var a = 0; a < arms; a++)
                {
                    var index = sums[a] / pulls[a] + Math.Sqrt(2 * logT / pulls[a]);
                    if (index > bestIndex)
                    {
                        bestIndex = index;
                        arm = a;
                    }
                }
            }

            var reward = random.NextDouble() < means[arm] ? 1.0 : 0.0;
            pulls[arm]++;
            sums[arm] += reward;
            regret += best - means[arm];
        }

        return regret;
    }
}
