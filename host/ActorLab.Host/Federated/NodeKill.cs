namespace ActorLab.Host.Federated;

/// <summary>An injected node crash: worker <paramref name="Worker"/> (0-based, workers ordered by address) dies as round <paramref name="Round"/> starts.</summary>
/// <param name="Round">The 1-based round during which the node dies.</param>
/// <param name="Worker">Which worker, by index in address order.</param>
public sealed record NodeKill(int Round, int Worker);
