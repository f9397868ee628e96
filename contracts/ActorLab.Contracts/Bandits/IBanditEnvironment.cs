namespace ActorLab.Contracts.Bandits;

/// <summary>
/// A bandit environment as a deterministic function of (repetition, step, arm): every policy facing the same
/// repetition sees the same context and, for the arm it picks, the same reward, reward for reward, whichever order
/// they run in. (Counter-based randomness, <see cref="Randomness.CounterRandom"/>, makes that cheap.)
/// </summary>
public interface IBanditEnvironment
{
    /// <summary>K.</summary>
    int Arms { get; }

    /// <summary>Length of a context vector (0 for multi-armed bandits).</summary>
    int ContextDimension { get; }

    /// <summary>Starts a repetition.</summary>
    void Reset(BanditSetup setup);

    /// <summary>Writes the context of <paramref name="step"/> (nothing for multi-armed bandits).</summary>
    void Context(long step, Span<float> context);

    /// <summary>The reward arm <paramref name="arm"/> gives at <paramref name="step"/>, in [0, 1] unless documented.</summary>
    double Reward(long step, int arm);

    /// <summary>Its expected value (for pseudo-regret); adversarial environments return the reward itself.</summary>
    double ExpectedReward(long step, int arm);

    /// <summary>max over arms of <see cref="ExpectedReward"/> at <paramref name="step"/> (stationary environments cache it).</summary>
    double BestExpectedReward(long step);
}
