namespace ActorLab.Host.Federated.Faults;

/// <summary>What a sampled client is told to simulate in a round.</summary>
public enum ClientFaultKind
{
    /// <summary>Behave normally.</summary>
    None,

    /// <summary>Complete only <see cref="ClientFault.WorkFraction"/> of the local work (systems heterogeneity).</summary>
    Straggler,

    /// <summary>Never answer (the server does not even send the model: the outcome is the same, without the wait).</summary>
    Dropout,

    /// <summary>Throw while training; supervision restarts the client actor.</summary>
    Crash,
}

/// <summary>A client's injected fault for one round; a plain record, so it can travel in a message.</summary>
/// <param name="Kind">The fault.</param>
/// <param name="WorkFraction">For stragglers, the share of the full local steps to do, in (0, 1).</param>
public sealed record ClientFault(ClientFaultKind Kind, double WorkFraction = 1.0)
{
    /// <summary>No fault.</summary>
    public static ClientFault None { get; } = new(ClientFaultKind.None);

    /// <summary>Non-finite values to write into the update (faults.nanUpdates / infUpdates).</summary>
    public UpdateCorruption Corruption { get; init; }

    /// <summary>Wall-clock milliseconds the client holds its thread before answering (faults.slowClients).</summary>
    public int SlowMilliseconds { get; init; }

    /// <summary>Wall-clock milliseconds the reply travels (faults.messageDelays).</summary>
    public int ReplyDelayMilliseconds { get; init; }

    /// <summary>The fit message is lost on its way to the client (faults.messageDrops).</summary>
    public bool DropsFit { get; init; }

    /// <summary>The reply is lost on its way to the server (faults.messageDrops).</summary>
    public bool DropsReply { get; init; }
}

/// <summary>Non-finite values injected into an update.</summary>
public enum UpdateCorruption
{
    /// <summary>None.</summary>
    None,

    /// <summary>NaN.</summary>
    NaN,

    /// <summary>+Inf or -Inf.</summary>
    Infinity,
}

/// <summary>The exception an injected crash throws, so that logs tell it from a real bug.</summary>
public sealed class InjectedCrashException(int client, int round)
    : Exception($"injected crash of client {client} in round {round} (faults.crash)");
