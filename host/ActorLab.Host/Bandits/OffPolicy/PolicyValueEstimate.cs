namespace ActorLab.Host.Bandits.OffPolicy;

/// <summary>An estimate of a target policy's value with a normal-approximation 95 % interval.</summary>
public sealed record PolicyValueEstimate(double Value, double Low, double High)
{
    /// <summary>True when <paramref name="value"/> lies in the interval.</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}
