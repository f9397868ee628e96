namespace ActorLab.Contracts.Randomness;

/// <summary>
/// A Gamma shape with Marsaglia &amp; Tsang's constants d = shape - 1/3 and c = 1 / sqrt(9 d) ("A Simple Method for
/// Generating Gamma Variables", 2000), computed once: Thompson sampling's Beta posteriors change one arm a step.
/// </summary>
public readonly struct GammaShape
{
    /// <summary>The shape and its constants.</summary>
    public GammaShape(double shape)
    {
        Shape = shape;
        D = shape - 1.0 / 3.0;
        C = 1.0 / Math.Sqrt(9.0 * D);
    }

    /// <summary>The shape k of Gamma(k, 1).</summary>
    public double Shape { get; }

    /// <summary>d = k - 1/3.</summary>
    public double D { get; }

    /// <summary>c = 1 / sqrt(9 d).</summary>
    public double C { get; }
}
