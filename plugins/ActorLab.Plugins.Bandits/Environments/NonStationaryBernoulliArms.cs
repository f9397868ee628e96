using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>
/// Bernoulli arms whose means change with time: arm a pays 1 at step t with probability mu_a(t), drawn from
/// (seed, repetition, step, arm). Subclasses say how the means move; the means of a step are computed once and reused
/// for the played arm, the best arm and the reward. Pseudo-regret is against the best arm at each step (dynamic regret).
/// </summary>
public abstract class NonStationaryBernoulliArms(int arms) : IBanditEnvironment
{
    private readonly double[] _means = new double[arms];
    private ulong _rewardKey;
    private long _cachedKey = -1;
    private double _best;

    /// <inheritdoc />
    public int Arms => arms >= 2 ? arms : throw new ArgumentException($"{Name}: arms must be at least 2");

    /// <inheritdoc />
    public int ContextDimension => 0;

    /// <summary>The component name, for errors and random stream names.</summary>
    protected abstract string Name { get; }

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _rewardKey = RandomStreams.DeriveSeed(setup.Seed, $"bandit.{Name}.rewards", setup.Repetition);
        _cachedKey = -1;
        OnReset(setup);
    }

    /// <inheritdoc />
    public void Context(long step, Span<float> context)
    {
    }

    /// <inheritdoc />
    public double Reward(long step, int arm) => CounterRandom.Uniform(_rewardKey, step, arm) < ExpectedReward(step, arm) ? 1 : 0;

    /// <inheritdoc />
    public double ExpectedReward(long step, int arm) => Means(step)[arm];

    /// <inheritdoc />
    public double BestExpectedReward(long step)
    {
        Means(step);
        return _best;
    }

    /// <summary>Draws the repetition's parameters.</summary>
    protected abstract void OnReset(BanditSetup setup);

    /// <summary>Steps with the same key share their means (a segment, or the step itself).</summary>
    protected abstract long MeansKey(long step);

    /// <summary>Writes every arm's mean at <paramref name="step"/>.</summary>
    protected abstract void FillMeans(long step, double[] means);

    private double[] Means(long step)
    {
        var key = MeansKey(step);
        if (key != _cachedKey)
        {
            FillMeans(step, _means);
            _best = _means.Max();
            _cachedKey = key;
        }

        return _means;
    }
}
