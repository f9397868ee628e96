namespace ActorLab.Contracts.Randomness;

/// <summary>Draws that System.Random lacks, defined once (<see cref="RandomDraws"/>) so every plugin draws them the same way.</summary>
public static class RandomExtensions
{
    /// <summary>A standard normal draw by the Box-Muller transform (uses two uniforms, keeps one normal).</summary>
    public static double NextGaussian(this Random random)
    {
        var source = new SystemRandomSource(random);
        return RandomDraws.Gaussian(ref source);
    }

    /// <summary>A Gamma(shape, 1) draw (Marsaglia &amp; Tsang 2000; shape &lt; 1 via Gamma(shape + 1) U^(1/shape)).</summary>
    public static double NextGamma(this Random random, double shape)
    {
        var source = new SystemRandomSource(random);
        return RandomDraws.Gamma(ref source, shape);
    }

    /// <summary>A Beta(a, b) draw, as Gamma(a) / (Gamma(a) + Gamma(b)).</summary>
    public static double NextBeta(this Random random, double a, double b)
    {
        var source = new SystemRandomSource(random);
        return RandomDraws.Beta(ref source, a, b);
    }

    /// <summary>A normal draw with the given mean and standard deviation.</summary>
    public static double NextGaussian(this Random random, double mean, double standardDeviation) =>
        mean + standardDeviation * random.NextGaussian();
}
