using ActorLab.Contracts.Randomness;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated.Faults;

/// <summary>
/// The message and update faults of a sampled client in a round: NaN or Inf updates, slow clients, lost and
/// delayed messages. Each kind draws from its own stream (run seed, "faults.&lt;kind&gt;", client, round), so
/// adding one kind to a scenario does not move the draws of another, and a client's faults do not depend on
/// which other clients were sampled. Corruption writes NaN (or +/-Inf, signs seeded) into 1% of the update's
/// coordinates, at least one, at seeded positions: a detector must look at every coordinate, not at the first.
/// </summary>
public static class InjectedFaults
{
    /// <summary><paramref name="fault"/> with this round's message and update faults of <paramref name="client"/> added.</summary>
    public static ClientFault Add(FaultSettings settings, int seed, int client, int round, ClientFault fault)
    {
        bool Draws(string kind, double probability) =>
            probability > 0 && RandomStreams.Create(seed, "faults." + kind, client, round).NextDouble() < probability;

        var corruption = Draws("nanUpdates", settings.NanUpdates) ? UpdateCorruption.NaN
            : Draws("infUpdates", settings.InfUpdates) ? UpdateCorruption.Infinity
            : UpdateCorruption.None;
        var slow = settings.SlowClients is { } s && Draws("slowClients", s.Probability) ? s.DelayMilliseconds : 0;
        var delay = settings.MessageDelays is { } d && Draws("messageDelays", d.Probability) ? d.DelayMilliseconds : 0;
        var (dropsFit, dropsReply) = (false, false);
        if (settings.MessageDrops > 0)
        {
            var random = RandomStreams.Create(seed, "faults.messageDrops", client, round);
            if (random.NextDouble() < settings.MessageDrops)
            {
                // Which message is lost: the fit (no training) or the reply (training in vain).
                dropsFit = random.NextDouble() < 0.5;
                dropsReply = !dropsFit;
            }
        }

        return corruption == UpdateCorruption.None && slow == 0 && delay == 0 && !dropsFit && !dropsReply
            ? fault
            : fault with
            {
                Corruption = corruption,
                SlowMilliseconds = slow,
                ReplyDelayMilliseconds = delay,
                DropsFit = dropsFit,
                DropsReply = dropsReply,
            };
    }

    /// <summary>A copy of <paramref name="parameters"/> with this round's non-finite values written in.</summary>
    public static float[] Corrupt(float[] parameters, UpdateCorruption corruption, int seed, int client, int round)
    {
        var corrupted = (float[])parameters.Clone();
        if (corruption == UpdateCorruption.None || corrupted.Length == 0)
        {
            return corrupted;
        }

        var random = RandomStreams.Create(seed, "faults.corruption", client, round);
        var count = Math.Max(1, corrupted.Length / 100);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(corrupted.Length);
            corrupted[at] = corruption == UpdateCorruption.NaN ? float.NaN
                : random.NextDouble() < 0.5 ? float.PositiveInfinity : float.NegativeInfinity;
        }

        return corrupted;
    }

    /// <summary>True when every value is finite (an update with NaN or Inf anywhere is never aggregated).</summary>
    public static bool AllFinite(float[]? values)
    {
        foreach (var v in values ?? [])
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
