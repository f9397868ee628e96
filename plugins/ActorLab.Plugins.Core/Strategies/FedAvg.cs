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
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        if (updates.Count == 0)
        {
            return global.ToArray();
        }

        var sum = new double[global.Length];
        double total = 0;
        foreach (var update in updates)
        {
            if (update.Parameters.Length != global.Length)
            {
                throw new ArgumentException($"fedavg: client {update.ClientId} sent {update.Parameters.Length} parameters, the model has {global.Length}");
            }

            double weight = update.SampleCount;
            total += weight;
            var parameters = update.Parameters;
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += weight * parameters[i];
            }
        }

        var result = new float[sum.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(sum[i] / total);
        }

        return result;
    }
}
