using ActorLab.Contracts.State;
using ActorLab.Host.Federated;

namespace ActorLab.Host.Resume;

/// <summary>
/// A client's algorithm state as of a checkpoint: its saved state, or null when the client starts over from a fresh
/// instance (it was restarted after throwing).
/// </summary>
/// <param name="ClientId">The client.</param>
/// <param name="State">Its client algorithm's state, or null for a fresh instance.</param>
public sealed record ClientStateEntry(int ClientId, ComponentState? State);

/// <summary>
/// The journal event of one completed federated round: everything needed to go on from the round after it.
/// The global model and the strategy state are whole (the last event is enough for them); client states are only
/// those that changed since the previous event (replay merges them). Serialised bit for bit by
/// <see cref="RoundCheckpointSerializer"/>.
/// </summary>
/// <param name="Round">The round completed (1-based).</param>
/// <param name="Global">The global parameters after the round, flat.</param>
/// <param name="StrategyState">The strategy's state, or null when it does not implement <see cref="IStatefulComponent"/>.</param>
/// <param name="ClipNorm">The differential-privacy clipping norm for the next round, when privacy is on.</param>
/// <param name="ClientStates">Client algorithm states that changed since the previous event, by client id.</param>
/// <param name="Metrics">The round's metrics (a row of metrics.csv and clients.csv).</param>
public sealed record RoundCheckpoint(
    int Round,
    float[] Global,
    ComponentState? StrategyState,
    double? ClipNorm,
    IReadOnlyList<ClientStateEntry> ClientStates,
    RoundMetrics Metrics);
