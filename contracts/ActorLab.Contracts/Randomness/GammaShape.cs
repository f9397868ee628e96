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
        // x^4 above which the squeeze's accept provably equals the full test's in double precision (RandomDraws.Gamma).
        // Where it accepts, the full test's margin is at least K x^4 (K = 0.0204 for d >= 1, 9.4e-5 at d = 2/3, the least
        // d of the main loop; found over a fine grid of x at 40 digits); the full test's right side is computed within
        // 1e-14 (d + 1) (worst seen over 40,000 random (d, x): 1.4e-15 (d + 1)). The floor asks the margin to be 16 times that.
        SqueezeFloor = 16 * 1e-14 * (D + 1) / (D >= 1 ? 0.02 : 9e-5);
    }

    /// <summary>The shape k of Gamma(k, 1).</summary>
    public double Shape { get; }

    /// <summary>d = k - 1/3.</summary>
    public double D { get; }

    /// <summary>c = 1 / sqrt(9 d).</summary>
    public double C { get; }

    /// <summary>The least x^4 at which <see cref="RandomDraws.Gamma{T}(ref T, in GammaShape)"/> may accept by the squeeze.</summary>
    public double SqueezeFloor { get; }
}
