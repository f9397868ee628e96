using ActorLab.Contracts.Federated;

namespace ActorLab.Plugins.Core.Strategies;

/// <summary>
/// FedAvg of McMahan et al., "Communication-Efficient Learning of Deep Networks from Decentralized Data"
/// (2017): w = sum_k n_k w_k / sum_k n_k over the round's clients. Sums in double, in client-id order,
/// so the result is bit-reproducible.
/// </summary>
public sealed class FedAvg : IAggregationStrategy
{
    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
        updates.Count == 0 ? global.ToArray() : ParameterMath.WeightedMean(updates, global.Length);
}
