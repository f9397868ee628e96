namespace ActorLab.Contracts.Randomness;

/// <summary>
/// A stream of uniform doubles in [0, 1), implemented by structs so that <see cref="RandomDraws"/>' generic draws are
/// compiled per source with the uniform draw inlined (no virtual call per uniform).
/// </summary>
public interface IUniformSource
{
    /// <summary>The next uniform double in [0, 1).</summary>
    double NextDouble();
}

/// <summary>A <see cref="System.Random"/> as a uniform source.</summary>
public readonly struct SystemRandomSource(Random random) : IUniformSource
{
    /// <inheritdoc />
    public double NextDouble() => random.NextDouble();
}
