using ActorLab.Contracts.Bandits;

namespace ActorLab.Host.Bandits;

/// <summary>
/// The inner loop of a bandit simulation, shared by the learner actors (a batch of steps per message) and by
/// plain single-threaded loops (the benchmark's baseline): for each step, context, Select, reward, Update.
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
}
