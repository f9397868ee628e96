using ActorLab.Contracts.Federated;

namespace ActorLabPlugin1;

/// <summary>Options of <see cref="ServerStepFedAvg"/>.</summary>
public sealed record ServerStepFedAvgOptions
{
    /// <summary>Server step size eta: 1 is FedAvg, less is a damped step towards the clients' average.</summary>
    public double ServerLearningRate { get; init; } = 1.0;
}

/// <summary>
/// FedAvg with a server step size: w' = w + eta (sum_k n_k w_k / sum_k n_k - w), n_k the clients' sample counts.
/// The host passes updates sorted by client id, so the sums always run in the same order (bit-identical results).
/// </summary>
public sealed class ServerStepFedAvg(ServerStepFedAvgOptions options) : IAggregationStrategy
{
    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        if (updates.Count == 0)
        {
            return global.ToArray();
        }

        var total = (double)updates.Sum(u => u.SampleCount);
        var average = new double[global.Length];
        foreach (var update in updates)
        {
            var weight = update.SampleCount / total;
            for (var i = 0; i < average.Length; i++)
            {
                average[i] += weight * update.Parameters[i];
            }
        }

        var next = new float[global.Length];
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = (float)(global[i] + options.ServerLearningRate * (average[i] - global[i]));
        }

        return next;
    }
}
