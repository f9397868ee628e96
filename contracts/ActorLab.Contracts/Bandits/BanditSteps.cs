namespace ActorLab.Contracts.Bandits;

/// <summary>Running totals of one policy over one repetition.</summary>
public sealed class BanditTotals(int arms)
{
    /// <summary>Steps played.</summary>
    public long Steps { get; set; }

    /// <summary>Sum of the rewards received.</summary>
    public double Reward { get; set; }

    /// <summary>Sum over steps of (best expected reward - expected reward of the arm played): pseudo-regret.</summary>
    public double PseudoRegret { get; set; }

    /// <summary>Sum of every arm's reward over the steps played (for regret against the best fixed arm in hindsight).</summary>
    public double[] ArmRewardSums { get; } = new double[arms];

    /// <summary>Pulls per arm.</summary>
    public long[] Pulls { get; } = new long[arms];

    /// <summary>Regret against the best fixed arm in hindsight: max_a sum_t r_t(a) - sum_t r_t(a_t).</summary>
    public double HindsightRegret => ArmRewardSums.Max() - Reward;
}

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
