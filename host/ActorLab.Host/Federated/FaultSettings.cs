namespace ActorLab.Host.Federated;

/// <summary>Clients that misbehave; all draws are seeded.</summary>
public sealed record FaultSettings
{
    /// <summary>No faults.</summary>
    public static FaultSettings None { get; } = new();

    /// <summary>Share of each round's sampled clients that do only part of their work.</summary>
    public double Stragglers { get; init; }

    /// <summary>Probability a sampled client does not answer.</summary>
    public double Dropout { get; init; }

    /// <summary>Probability a sampled client's actor throws.</summary>
    public double Crash { get; init; }

    /// <summary>Attackers (none by default).</summary>
    public ByzantineSettings Byzantine { get; init; } = new();

    /// <summary>A round deadline with per-client speeds, or null for none.</summary>
    public DeadlineSettings? Deadline { get; init; }

    /// <summary>Probability a sampled client's update has a few coordinates set to NaN (see <see cref="Federated.Faults.InjectedFaults"/>).</summary>
    public double NanUpdates { get; init; }

    /// <summary>Probability a sampled client's update has a few coordinates set to +Inf or -Inf.</summary>
    public double InfUpdates { get; init; }

    /// <summary>Clients that hold their trainer thread for a wall-clock delay before answering, or null for none.</summary>
    public DelaySettings? SlowClients { get; init; }

    /// <summary>Probability that one message of a sampled client's exchange (the fit or its reply) is lost.</summary>
    public double MessageDrops { get; init; }

    /// <summary>Replies that arrive after a wall-clock delay (the trainer thread is free meanwhile), or null for none.</summary>
    public DelaySettings? MessageDelays { get; init; }

    /// <summary>Distributed runs: worker nodes that kill themselves (SIGKILL) when a round starts.</summary>
    public IReadOnlyList<NodeKill> NodeKills { get; init; } = [];
}
