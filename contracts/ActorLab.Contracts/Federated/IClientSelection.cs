namespace ActorLab.Contracts.Federated;

/// <summary>
/// A strategy that picks each round's clients itself (Flower's <c>configure_fit</c>), e.g. by loss as
/// Power-of-Choice does. Optional: an <see cref="IAggregationStrategy"/> that does not implement it gets the host's
/// own sampling, clients.perRound of clients.total drawn uniformly from the round's stream. The host checks the answer
/// (at least one client, every id available, none twice) and ends the run with a report naming the strategy when it
/// is not; the call has the limit clients.callTimeoutSeconds, as <see cref="IAggregationStrategy.Aggregate"/> has.
/// Client-level privacy accounting assumes uniform sampling, which a selecting strategy replaces.
/// Added in ActorLab.Contracts 2.0.
/// </summary>
public interface IClientSelection
{
    /// <summary>
    /// The clients to train this round, ids from <see cref="ClientSelectionContext.AvailableClients"/>, in any order
    /// (the host sorts them); usually <see cref="ClientSelectionContext.Count"/> of them. Draw randomness only from
    /// <see cref="ClientSelectionContext.Random"/> (or streams derived from the seed), so that runs repeat.
    /// </summary>
    IReadOnlyList<int> SelectClients(ClientSelectionContext context);
}

/// <summary>What a client last reported to the server: in which round, and its training loss then.</summary>
/// <param name="Round">The last completed round in which the client answered with a finite training loss.</param>
/// <param name="TrainLoss">Its mean training loss over that round's local steps.</param>
public sealed record ClientReport(int Round, double TrainLoss);

/// <summary>What a strategy is told when it picks a round's clients (<see cref="IClientSelection"/>).</summary>
/// <param name="Round">1-based round number.</param>
/// <param name="Seed">The run seed (derive further streams with <see cref="Randomness.RandomStreams"/>).</param>
/// <param name="AvailableClients">The clients that may be asked to train, in id order: every client but those stopped
/// after clients.maxConsecutiveFailures.</param>
/// <param name="Count">How many clients the host would sample: clients.perRound, at most the available ones.</param>
/// <param name="Random">The round's stream, (seed, "server.sample", 0, round): the one the host's own sampling draws from.</param>
public sealed record ClientSelectionContext(int Round, int Seed, IReadOnlyList<int> AvailableClients, int Count, Random Random)
{
    /// <summary>Clients in the federation (clients.total), available or not.</summary>
    public int TotalClients { get; init; }

    /// <summary>Training samples a client holds, by client id (its data fraction's numerator); cheap to call.</summary>
    public required Func<int, long> SampleCount { get; init; }

    /// <summary>Each client's last report, by client id; clients that never answered are absent.</summary>
    public IReadOnlyDictionary<int, ClientReport> LastReports { get; init; } = new Dictionary<int, ClientReport>();
}
