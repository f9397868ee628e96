using ActorLab.Host.Federated;

namespace ActorLab.Host.Results;

/// <summary>The faults a federated run met, totalled over its rounds (summary.json's "faults").</summary>
/// <param name="NonFiniteUpdates">Updates excluded for NaN or Inf values.</param>
/// <param name="MessagesDropped">Fit messages and replies lost (faults.messageDrops).</param>
/// <param name="TimedOut">Clients dropped from a round for not answering in time.</param>
/// <param name="LateReplies">Replies that came after their round's deadline (ignored).</param>
/// <param name="AbandonedCalls">Fits abandoned after clients.callTimeoutSeconds (each a trainer thread lost).</param>
/// <param name="StoppedClients">Clients stopped after clients.maxConsecutiveFailures failures in a row.</param>
public sealed record FaultSummary(int NonFiniteUpdates, int MessagesDropped, int TimedOut, int LateReplies, int AbandonedCalls, IReadOnlyList<StoppedClient> StoppedClients)
{
    /// <summary>The totals of <paramref name="rounds"/>, or null when there was nothing to report.</summary>
    public static FaultSummary? Of(IReadOnlyList<RoundMetrics> rounds)
    {
        var summary = new FaultSummary(
            rounds.Sum(r => r.NonFiniteUpdates),
            rounds.Sum(r => r.MessagesDropped),
            rounds.Sum(r => r.TimedOut),
            rounds.Sum(r => r.LateReplies),
            rounds.Sum(r => r.AbandonedCalls),
            rounds.SelectMany(r => r.StoppedClients).ToList());
        return summary is { NonFiniteUpdates: 0, MessagesDropped: 0, TimedOut: 0, LateReplies: 0, AbandonedCalls: 0, StoppedClients.Count: 0 } ? null : summary;
    }
}
