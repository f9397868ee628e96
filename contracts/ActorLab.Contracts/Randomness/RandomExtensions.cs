namespace ActorLab.Contracts.Randomness;

/// <summary>Draws that System.Random lacks, defined once so every plugin draws them the same way.</summary>
public static class RandomExtensions
{
    /// <summary>A standard normal draw by the Box-Muller transform (uses two uniforms, keeps one normal).</summary>
    public static double NextGaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // in (0, 1]: log is finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A normal draw with the given mean and standard deviation.</summary>
    public static double NextGaussian(this Random random, double mean, double standardDeviation) =>
        mean + standardDeviation * random.NextGaussian();
}
