namespace ActorLab.Contracts.Federated;

/// <summary>
/// What one simulated client sends back after local training in a federated round.
/// </summary>
/// <param name="ClientId">The client's id (0-based); strategies see updates sorted by it.</param>
/// <param name="Parameters">The client's model parameters after local training, flat, in <c>parameters()</c> order. Never mutated after sending.</param>
/// <param name="SampleCount">Training samples the client holds (the FedAvg weight).</param>
/// <param name="TrainLoss">Mean training loss over the client's local steps.</param>
public sealed record ClientUpdate(int ClientId, float[] Parameters, long SampleCount, double TrainLoss)
{
    /// <summary>Strategy-specific data from the client's <see cref="IClientAlgorithm.EndFit"/> (e.g. SCAFFOLD's control-variate delta).</summary>
    public float[]? Extras { get; init; }

    /// <summary>Loss of the global model the client received, on its own data, before training (q-FedAvg's F_k(w^t)).</summary>
    public double? InitialLoss { get; init; }

    /// <summary>Accuracy of the global model the client received, on its own data (the per-client fairness metric).</summary>
    public double? InitialAccuracy { get; init; }

    /// <summary>Share of its local work the client completed: 1 normally, less for a straggler cut off by the deadline.</summary>
    public double CompletedWork { get; init; } = 1.0;
}
