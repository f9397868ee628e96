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

    /// <summary>A Gamma(shape, 1) draw (Marsaglia &amp; Tsang 2000; shape &lt; 1 via Gamma(shape + 1) U^(1/shape)).</summary>
    public static double NextGamma(this Random random, double shape)
    {
        if (shape < 1)
        {
            var u = 1.0 - random.NextDouble();
            return random.NextGamma(shape + 1) * Math.Pow(u, 1.0 / shape);
        }

        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = random.NextGaussian();
                v = 1.0 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    /// <summary>A Beta(a, b) draw, as Gamma(a) / (Gamma(a) + Gamma(b)).</summary>
    public static double NextBeta(this Random random, double a, double b)
    {
        var x = random.NextGamma(a);
        var y = random.NextGamma(b);
        return x / (x + y);
    }

    /// <summary>A normal draw with the given mean and standard deviation.</summary>
    public static double NextGaussian(this Random random, double mean, double standardDeviation) =>
        mean + standardDeviation * random.NextGaussian();
}
