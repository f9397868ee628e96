using ActorLab.Contracts.Federated;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>
/// Coordinate-wise median (Yin et al., "Byzantine-Robust Distributed Learning: Towards Optimal Statistical
/// Rates", ICML 2018): each parameter is the median of the clients' values for it (unweighted).
/// </summary>
public sealed class Median : IAggregationStrategy
{
    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
        RobustAggregation.Coordinatewise(updates.Select(u => u.Parameters).ToList(), global.Length, RobustAggregation.Median);
}
