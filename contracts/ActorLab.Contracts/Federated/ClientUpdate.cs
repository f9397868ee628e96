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
}
