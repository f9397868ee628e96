namespace ActorLab.Contracts.Bandits;

/// <summary>
/// An optional fast path for a policy: play a whole batch of steps in one call, as a tight loop the policy writes for
/// environments it knows (UCB1 on Bernoulli arms), instead of the host's per-step loop with four or more interface
/// calls per step. It must give exactly what the per-step loop gives: for each step in order, Context, Select, Reward,
/// Update, then <c>pseudoRegret += BestExpectedReward(step) - ExpectedReward(step, arm)</c>, <c>reward += r</c>,
/// <c>pulls[arm]++</c> (the same floating-point operations in the same order, so results stay bit for bit).
/// </summary>
public interface IBatchedBanditPolicy : IBanditPolicy
{
    /// <summary>
    /// Plays steps [<paramref name="first"/>, first + <paramref name="count"/>) against <paramref name="environment"/>,
    /// adding to the running sums; returns false, having played nothing, when it has no fast path for that environment
    /// (the host then runs the per-step loop).
    /// </summary>
    bool TryPlayBatch(IBanditEnvironment environment, long first, long count, ref double reward, ref double pseudoRegret, Span<long> pulls);
}
