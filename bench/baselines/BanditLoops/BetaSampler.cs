namespace BanditLoops;

/// <summary>
/// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), each Gamma by Marsaglia &amp; Tsang, "A Simple Method for
/// Generating Gamma Variables" (2000), for shape >= 1 (Thompson's Beta(1 + S, 1 + F) never needs shape &lt; 1).
/// </summary>
internal sealed class BetaSampler(Random random)
{
    private readonly Gaussian _normal = new(random);

    public double Next(double a, double b)
    {
        var x = Gamma(a);
        var y = Gamma(b);
        return x / (x + y);
    }

    private double Gamma(double shape)
    {
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = _normal.Next();
                v = 1.0 + c * z;
            }
            while (v <= 0);

            v = v * v * v;
            var u = _normal.Random.NextDouble();
            if (u < 1.0 - 0.0331 * z * z * z * z || Math.Log(u) < 0.5 * z * z + d * (1.0 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
