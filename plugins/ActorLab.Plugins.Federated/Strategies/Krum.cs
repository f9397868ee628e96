using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Federated;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="Krum"/> and Multi-Krum.</summary>
public sealed record KrumOptions
{
    /// <summary>Number f of Byzantine clients to tolerate.</summary>
    [Range(0, int.MaxValue)]
    public int Byzantine { get; init; } = 1;

    /// <summary>Multi-Krum only: how many of the best-scored updates to average (0: n - f).</summary>
    [Range(0, int.MaxValue)]
    public int Keep { get; init; }
}

/// <summary>
/// Krum and Multi-Krum of Blanchard et al., "Machine Learning with Adversaries: Byzantine Tolerant Gradient
/// Descent" (NeurIPS 2017): each update's score is the sum of squared distances to its n - f - 2 nearest
/// neighbours. Krum returns the update with the lowest score; Multi-Krum the sample-weighted mean of the m
/// lowest-scored updates (m = keep, or n - f), as Flower does.
/// </summary>
public sealed class Krum(KrumOptions options, bool multi) : IAggregationStrategy
{
    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        var scores = RobustAggregation.KrumScores(updates.Select(u => u.Parameters).ToList(), options.Byzantine);
        if (!multi)
        {
            return (float[])updates[RobustAggregation.Lowest(scores, 1)[0]].Parameters.Clone();
        }

        var keep = options.Keep > 0 ? options.Keep : Math.Max(1, updates.Count - options.Byzantine);
        var chosen = RobustAggregation.Lowest(scores, Math.Min(keep, updates.Count)).Order().Select(i => updates[i]).ToList();
        return ParameterMath.WeightedMean(chosen, global.Length);
    }
}
