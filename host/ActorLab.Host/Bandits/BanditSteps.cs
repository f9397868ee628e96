using ActorLab.Contracts.Bandits;

namespace ActorLab.Host.Bandits;

/// <summary>
/// The inner loop of a bandit simulation, shared by the learner actors (a batch of steps per message) and by
/// plain single-threaded loops (the benchmark's baseline): for each step, context, Select, reward, Update. A policy with
/// a batch fast path (<see cref="IBatchedBanditPolicy"/>) for the environment plays the batch in one call instead.
/// </summary>
public static class BanditSteps
{
    /// <summary>Plays steps [<paramref name="first"/>, first + count) and adds them to <paramref name="totals"/>.</summary>
    /// <param name="environment">The repetition's environment.</param>
    /// <param name="policy">The policy playing.</param>
    /// <param name="first">First step.</param>
    /// <param name="count">Steps to play.</param>
    /// <param name="totals">Where the results add up.</param>
    /// <param name="trackHindsight">Also sum every arm's reward (K reward evaluations per step) for hindsight regret.</param>
    public static void Run(IBanditEnvironment environment, IBanditPolicy policy, long first, long count, BanditTotals totals, bool trackHindsight = false)
    {
        if (!trackHindsight && policy is IBatchedBanditPolicy batched && PlayBatched(environment, batched, first, count, totals))
        {
            return;
        }

        RunPerStep(environment, policy, first, count, totals, trackHindsight);
    }

    /// <summary>The per-step loop every policy supports (and the reference the batch fast paths are tested against).</summary>
    public static void RunPerStep(IBanditEnvironment environment, IBanditPolicy policy, long first, long count, BanditTotals totals, bool trackHindsight = false)
    {
        var arms = environment.Arms;
        Span<float> context = environment.ContextDimension <= 256 ? stackalloc float[environment.ContextDimension] : new float[environment.ContextDimension];
        for (var step = first; step < first + count; step++)
        {
            environment.Context(step, context);
            var arm = policy.Select(step, context, out _);
            var reward = environment.Reward(step, arm);
            policy.Update(step, arm, reward, context);

            if (trackHindsight)
            {
                for (var a = 0; a < arms; a++)
                {
                    totals.ArmRewardSums[a] += environment.Reward(step, a);
                }
            }

            totals.PseudoRegret += environment.BestExpectedReward(step) - environment.ExpectedReward(step, arm);
            totals.Reward += reward;
            totals.Pulls[arm]++;
        }

        totals.Steps += count;
    }

    private static bool PlayBatched(IBanditEnvironment environment, IBatchedBanditPolicy policy, long first, long count, BanditTotals totals)
    {
        var reward = totals.Reward;
        var pseudoRegret = totals.PseudoRegret;
        if (!policy.TryPlayBatch(environment, first, count, ref reward, ref pseudoRegret, totals.Pulls))
        {
            return false;
        }

        totals.Reward = reward;
        totals.PseudoRegret = pseudoRegret;
        totals.Steps += count;
        return true;
    }
}
