namespace BanditLoops;

/// <summary>
/// Beta-Bernoulli Thompson sampling (Thompson 1933; Agrawal &amp; Goyal 2012) on K Bernoulli arms with means drawn per
/// repetition: draw theta_a ~ Beta(1 + S_a, 1 + F_a) for every arm, play the largest. Returns the pseudo-regret.
/// </summary>
internal static class ThompsonLoop
{
    public static double Run(Random random, int arms, long steps)
    {
        var means = BernoulliMeans.Draw(random, arms, out var best);

        var beta = new BetaSampler(random);
        var successes = new double[arms];
        var failures = new double[arms];
        var regret = 0.0;
        for (long t = 0; t < steps; t++)
        {
            var arm = 0;
            var bestSample = double.NegativeInfinity;
            for (var a = 0; a < arms; a++)
            {
                var sample = beta.Next(1 + successes[a], 1 + failures[a]);
                if (sample > bestSample)
                {
                    bestSample = sample;
                    arm = a;
                }
            }

            if (random.NextDouble() < means[arm])
            {
                successes[arm]++;
            }
            else
            {
                failures[arm]++;
            }

            regret += best - means[arm];
        }

        return regret;
    }
}
