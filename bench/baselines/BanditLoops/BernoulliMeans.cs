namespace BanditLoops;

/// <summary>K Bernoulli success probabilities drawn uniformly from the repetition's Random, and the largest.</summary>
internal static class BernoulliMeans
{
    public static double[] Draw(Random random, int arms, out double best)
    {
        var means = new double[arms];
        best = 0.0;
        for (var a = 0; a < arms; a++)
        {
            means[a] = random.NextDouble();
            best = Math.Max(best, means[a]);
        }

        return means;
    }
}
