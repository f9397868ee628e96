namespace ActorLab.Contracts.Bandits;

/// <summary>What a policy or environment is told at the start of one repetition.</summary>
/// <param name="Arms">K, the number of actions.</param>
/// <param name="ContextDimension">Length of a context vector (0 for multi-armed bandits).</param>
/// <param name="Horizon">Steps in the repetition (policies with horizon-tuned parameters use it, e.g. EXP3's gamma).</param>
/// <param name="Seed">The run seed.</param>
/// <param name="Repetition">Which independent repetition this is; derive streams from (seed, component, repetition).</param>
public sealed record BanditSetup(int Arms, int ContextDimension, long Horizon, int Seed, int Repetition)
{
    /// <summary>
    /// Whether the steps played are being logged (off-policy evaluation, log export): policies whose propensity
    /// costs more than the step itself (Thompson sampling integrates over its posterior) compute it only then and
    /// report NaN otherwise, so simulations do not pay for it.
    /// </summary>
    public bool PropensityRequested { get; init; }
}

/// <summary>
/// A bandit policy: picks an arm for each step and learns from the reward of that arm only. Policies that
/// update after every step do so in <see cref="Update"/>; the host calls Select and Update alternately, many
/// steps per message, so a policy must be cheap per step (no allocation in the hot path).
/// </summary>
public interface IBanditPolicy
{
    /// <summary>Starts a repetition: forget everything, seed the policy's own random stream.</summary>
    void Reset(BanditSetup setup);

    /// <summary>
    /// The arm to play at <paramref name="step"/> (0-based) and the probability it had of being chosen given the
    /// history and context (1 for deterministic policies). Always a probability when
    /// <see cref="BanditSetup.PropensityRequested"/>; policies for which it is expensive may report NaN otherwise.
    /// </summary>
    int Select(long step, ReadOnlySpan<float> context, out double propensity);

    /// <summary>The reward the chosen arm gave.</summary>
    void Update(long step, int arm, double reward, ReadOnlySpan<float> context);
}
