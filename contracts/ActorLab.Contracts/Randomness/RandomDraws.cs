namespace ActorLab.Contracts.Randomness;

/// <summary>
/// Normal, Gamma and Beta draws from any uniform source (<see cref="IUniformSource"/>), compiled per source struct.
/// <see cref="RandomExtensions"/> gives them on System.Random; both draw the same numbers from the same uniforms.
/// </summary>
public static class RandomDraws
{
    /// <summary>A standard normal draw by the Box-Muller transform (uses two uniforms, keeps one normal).</summary>
    public static double Gaussian<T>(ref T source) where T : struct, IUniformSource
    {
        var u1 = 1.0 - source.NextDouble(); // in (0, 1]: log is finite
        var u2 = source.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A Gamma(shape, 1) draw (Marsaglia &amp; Tsang 2000; shape &lt; 1 via Gamma(shape + 1) U^(1/shape)).</summary>
    public static double Gamma<T>(ref T source, double shape) where T : struct, IUniformSource => Gamma(ref source, new GammaShape(shape));

    /// <summary><see cref="Gamma{T}(ref T, double)"/> with the shape's constants computed once (samplers that draw many times from one shape).</summary>
    public static double Gamma<T>(ref T source, in GammaShape shape) where T : struct, IUniformSource
    {
        if (shape.Shape < 1)
        {
            var u = 1.0 - source.NextDouble();
            return Gamma(ref source, shape.Shape + 1) * Math.Pow(u, 1.0 / shape.Shape);
        }

        var d = shape.D;
        var c = shape.C;
        while (true)
        {
            double x, v;
            do
            {
                x = Gaussian(ref source);
                v = 1.0 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - source.NextDouble();
            // Marsaglia & Tsang's squeeze u < 1 - 0.0331 x^4 accepts most draws without the two logarithms. It is used
            // only where it cannot disagree with the full test in floating point (x^4 above the shape's floor), so every
            // draw is the one the full test alone gives, bit for bit; near x = 0 the full test decides.
            var x4 = x * x * (x * x);
            if (x4 > shape.SqueezeFloor && u < 1.0 - 0.0331 * x4)
            {
                return d * v;
            }

            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    /// <summary>A Beta(a, b) draw, as Gamma(a) / (Gamma(a) + Gamma(b)).</summary>
    public static double Beta<T>(ref T source, double a, double b) where T : struct, IUniformSource => Beta(ref source, new GammaShape(a), new GammaShape(b));

    /// <summary><see cref="Beta{T}(ref T, double, double)"/> with both shapes' constants computed once.</summary>
    public static double Beta<T>(ref T source, in GammaShape a, in GammaShape b) where T : struct, IUniformSource
    {
        var x = Gamma(ref source, a);
        var y = Gamma(ref source, b);
        return x / (x + y);
    }
}
