using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Federated;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="TrimmedMean"/>.</summary>
public sealed record TrimmedMeanOptions
{
    /// <summary>Fraction beta of the values cut from each end, per coordinate (Flower's default 0.2).</summary>
    [Range(0.0, 0.5, MaximumIsExclusive = true)]
    public double Beta { get; init; } = 0.2;
}

/// <summary>
/// Coordinate-wise trimmed mean (Yin et al., ICML 2018): per parameter, drop the floor(beta n) largest and
/// smallest client values and average the rest (unweighted).
/// </summary>
public sealed class TrimmedMean(TrimmedMeanOptions options) : IAggregationStrategy
{
    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        if (options.Beta is < 0 or >= 0.5)
        {
            throw new ArgumentException($"trimmed-mean: beta must be in [0, 0.5), got {options.Beta}");
        }

        var cut = (int)Math.Floor(options.Beta * updates.Count);
        return RobustAggregation.Coordinatewise(updates.Select(u => u.Parameters).ToList(), global.Length,
            sorted => sorted.AsSpan(cut, sorted.Length - 2 * cut).ToArray().Average());
    }
}
