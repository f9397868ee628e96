using ActorLab.Contracts.Randomness;

namespace ActorLab.Host.Policy;

/// <summary>A preference pair: the prompt's ids, the chosen and the rejected response (generated ids) and their true rewards.</summary>
public sealed record PreferencePair(int[] ChosenPrompt, int[] Chosen, double ChosenReward, int[] RejectedPrompt, int[] Rejected, double RejectedReward);

/// <summary>
/// Builds preference pairs from sampled groups: per prompt the highest-reward response is chosen and the lowest
/// rejected (the first of equals), and a prompt whose responses all earned the same reward gives none. Label flips
/// swap a pair's two sides with the given probability, drawn from (seed, stream, index); unpaired feedback pairs each
/// chosen response with the rejected one of the next pair, so the two sides answer different prompts.
/// </summary>
public static class PreferencePairs
{
    /// <summary>The pairs of <paramref name="groups"/> (responses to <paramref name="prompts"/>, rewards in the same order).</summary>
    public static List<PreferencePair> Build(IReadOnlyList<int[]> prompts, IReadOnlyList<int[][]> groups, IReadOnlyList<double[]> rewards,
        double flips, bool unpaired, int seed, string stream, long round)
    {
        var pairs = new List<PreferencePair>();
        var key = RandomStreams.DeriveSeed(seed, stream, 0, round);
        for (var g = 0; g < groups.Count; g++)
        {
            var r = rewards[g];
            var best = Array.IndexOf(r, r.Max());
            var worst = Array.IndexOf(r, r.Min());
            if (r[best] == r[worst])
            {
                continue;
            }

            var pair = new PreferencePair(prompts[g], groups[g][best], r[best], prompts[g], groups[g][worst], r[worst]);
            if (flips > 0 && CounterRandom.Uniform(key, g) < flips)
            {
                pair = new PreferencePair(pair.RejectedPrompt, pair.Rejected, pair.RejectedReward, pair.ChosenPrompt, pair.Chosen, pair.ChosenReward);
            }

            pairs.Add(pair);
        }

        if (unpaired && pairs.Count > 1)
        {
            pairs = [.. pairs.Select((p, i) => p with
            {
                RejectedPrompt = pairs[(i + 1) % pairs.Count].RejectedPrompt,
                Rejected = pairs[(i + 1) % pairs.Count].Rejected,
                RejectedReward = pairs[(i + 1) % pairs.Count].RejectedReward,
            })];
        }

        return pairs;
    }
}
