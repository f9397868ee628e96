using ActorLab.Contracts.Randomness;

namespace ActorLab.Host.Federated;

/// <summary>
/// Which of a round's clients get a <c>client.fit</c> span, so that 1,000 clients x 100 rounds do not drown a trace
/// backend: every one while a round has at most <c>perRound</c> clients, else <c>perRound</c> of them drawn from
/// (seed, "trace.clients", round). The stream is tracing's own, so the choice never changes results. Run, round,
/// aggregate and evaluate spans are always kept.
/// </summary>
public static class ClientTraceSampling
{
    /// <summary>Client spans per round by default (<c>--trace-clients</c>).</summary>
    public const int DefaultPerRound = 100;

    /// <summary>The clients of <paramref name="sampled"/> (this round's) to trace.</summary>
    public static IReadOnlySet<int> Choose(IReadOnlyList<int> sampled, int perRound, int seed, int round)
    {
        if (sampled.Count <= perRound)
        {
            return sampled.ToHashSet();
        }

        var picks = ClientSampling.Uniform(sampled.Count, Math.Max(0, perRound), RandomStreams.Create(seed, "trace.clients", 0, round));
        return picks.Select(i => sampled[i]).ToHashSet();
    }
}
