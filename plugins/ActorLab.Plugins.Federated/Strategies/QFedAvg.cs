using ActorLab.Contracts.Federated;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="QFedAvg"/> (defaults as in Flower's QFedAvg).</summary>
public sealed record QFedAvgOptions
{
    /// <summary>Fairness exponent q (0 = FedAvg-like; larger values favour the worst-off clients).</summary>
    public double Q { get; init; } = 0.2;

    /// <summary>The step size 1/L used to turn local models into gradient estimates.</summary>
    public double LearningRate { get; init; } = 0.1;
}

/// <summary>
/// q-FedAvg of Li, Sanjabi, Beirami &amp; Smith, "Fair Resource Allocation in Federated Learning" (ICLR 2020,
/// Algorithm 2). With L = 1 / learningRate, F_k the loss of the received global model w on client k's data
/// (<see cref="ClientUpdate.InitialLoss"/>) and w_k its trained model: dw_k = L (w - w_k),
/// delta_k = F_k^q dw_k, h_k = q F_k^(q-1) ||dw_k||^2 + L F_k^q, and w &lt;- w - sum_k delta_k / sum_k h_k.
/// </summary>
public sealed class QFedAvg(QFedAvgOptions options) : IAggregationStrategy, IUsesInitialLoss
{
    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        var lipschitz = 1.0 / options.LearningRate;
        var q = options.Q;
        var deltaSum = new double[global.Length];
        double hSum = 0;
        foreach (var update in updates)
        {
            var loss = update.InitialLoss ?? throw new ArgumentException($"qfedavg: client {update.ClientId} sent no initial loss");
            loss = Math.Max(loss, 1e-10); // F_k^(q-1) for a perfectly fitted client
            var fq = Math.Pow(loss, q);
            double squaredNorm = 0;
            for (var i = 0; i < global.Length; i++)
            {
                var dw = lipschitz * ((double)global[i] - update.Parameters[i]);
                squaredNorm += dw * dw;
                deltaSum[i] += fq * dw;
            }

            hSum += q * Math.Pow(loss, q - 1) * squaredNorm + lipschitz * fq;
        }

        var result = new float[global.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(global[i] - deltaSum[i] / hSum);
        }

        return result;
    }
}
