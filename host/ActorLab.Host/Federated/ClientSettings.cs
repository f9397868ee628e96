namespace ActorLab.Host.Federated;

/// <summary>Client population and sampling.</summary>
/// <param name="Total">Simulated clients, one actor each.</param>
/// <param name="PerRound">Clients sampled each round.</param>
/// <param name="MinFit">Fewest updates a round needs to be aggregated.</param>
/// <param name="AcceptFailures">When false, a round with any failed or dropped client is not aggregated.</param>
public sealed record ClientSettings(int Total, int PerRound, int MinFit = 1, bool AcceptFailures = true)
{
    /// <summary>Wall-clock limit on waiting for a round's clients (a hung plugin), or null for none.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>Wall-clock limit on one plugin call: a client's fit (from when it starts) and the strategy's aggregate.</summary>
    public double CallTimeoutSeconds { get; init; } = 300;

    /// <summary>A client whose fit throws in this many of its rounds in a row is stopped for the rest of the run.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;
}
