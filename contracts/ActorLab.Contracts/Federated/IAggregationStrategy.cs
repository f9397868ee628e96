namespace ActorLab.Contracts.Federated;

/// <summary>Context of one aggregation: which round, under which run seed.</summary>
/// <param name="Round">1-based round number.</param>
/// <param name="Seed">The run seed, for strategies that draw random numbers (derive a stream with <see cref="Randomness.RandomStreams"/>).</param>
public sealed record AggregationContext(int Round, int Seed)
{
    /// <summary>Clients in the federation (not only this round's), e.g. for SCAFFOLD's |S|/N.</summary>
    public int TotalClients { get; init; }

    /// <summary>Clients sampled this round, including those that failed or were dropped.</summary>
    public int SampledClients { get; init; }

    /// <summary>
    /// The shape of each parameter tensor, in the order they are laid out in the flat vectors, for strategies that
    /// work per layer (FedLD). Empty when unknown.
    /// </summary>
    public IReadOnlyList<long[]> ParameterShapes { get; init; } = [];
}

/// <summary>
/// Declares that a strategy aggregates the partial updates of stragglers (FedProx) instead of dropping them
/// (FedAvg and every strategy that does not implement this interface).
/// </summary>
public interface IPartialWorkPolicy
{
    /// <summary>True to aggregate updates of clients that completed only part of their local work.</summary>
    bool UsesPartialUpdates { get; }
}

/// <summary>
/// Declares that a strategy reads <see cref="ClientUpdate.InitialLoss"/> (q-FedAvg's F_k(w^t)); the host then has
/// every sampled client evaluate the global model on its own data before training, whatever the scenario says.
/// </summary>
public interface IUsesInitialLoss
{
}

/// <summary>
/// The server side of a federated algorithm: turns the round's client updates into the next global model.
/// One instance lives in the server actor for the whole run, so a strategy may keep state across rounds
/// (server momentum, control variates). It must not depend on the order updates arrived in: the host
/// always passes them sorted by client id.
/// </summary>
public interface IAggregationStrategy
{
    /// <summary>Returns the new global parameters (a new array; <paramref name="global"/> is not to be modified).</summary>
    float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates);
}
