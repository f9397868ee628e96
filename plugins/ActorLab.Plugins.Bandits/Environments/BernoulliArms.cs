using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>Options of <see cref="BernoulliArms"/> and <see cref="GaussianArms"/>.</summary>
public sealed record StochasticArmsOptions
{
    /// <summary>The arms' means; empty to draw <see cref="Arms"/> means uniformly in [0, 1] per repetition.</summary>
    public double[] Means { get; init; } = [];

    /// <summary>K when the means are drawn.</summary>
    public int Arms { get; init; } = 10;

    /// <summary>Gaussian arms: the reward noise's standard deviation.</summary>
    public double Sigma { get; init; } = 1.0;
}

/// <summary>
/// Stationary stochastic arms with rewards in {0, 1}: arm a pays 1 with probability mu_a. The reward of (step, arm) is
/// a pure function of (seed, repetition, step, arm), so every policy of a repetition faces the same draws.
/// </summary>
public sealed class BernoulliArms(StochasticArmsOptions options) : IBanditEnvironment
{
    private double[] _means = options.Means;
    private double _best = options.Means.Length > 0 ? options.Means.Max() : 0;
    private ulong _key;

    /// <inheritdoc />
    public int Arms => options.Means.Length > 0 ? options.Means.Length : options.Arms;

    /// <inheritdoc />
    public int ContextDimension => 0;

    /// <summary>This repetition's means.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _key = RandomStreams.DeriveSeed(setup.Seed, "bandit.environment.rewards", setup.Repetition);
        if (options.Means.Length == 0)
        {
            var random = RandomStreams.Create(setup.Seed, "bandit.environment.means", setup.Repetition);
            _means = Enumerable.Range(0, options.Arms).Select(_ => random.NextDouble()).ToArray();
            _best = _means.Max();
        }
    }

    /// <inheritdoc />
    public void Context(long step, Span<float> context)
    {
    }

    /// <inheritdoc />
    public double Reward(long step, int arm) => CounterRandom.Uniform(_key, step, arm) < _means[arm] ? 1 : 0;

    /// <inheritdoc />
    public double ExpectedReward(long step, int arm) => _means[arm];

    /// <inheritdoc />
    public double BestExpectedReward(long step) => _best;
}

/// <summary>Stationary Gaussian arms: arm a pays mu_a + sigma z, z ~ N(0, 1), drawn from (seed, repetition, step, arm).</summary>
public sealed class GaussianArms(StochasticArmsOptions options) : IBanditEnvironment
{
    private readonly BernoulliArms _means = new(options);
    private ulong _key;

    /// <inheritdoc />
    public int Arms => _means.Arms;

    /// <inheritdoc />
    public int ContextDimension => 0;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _means.Reset(setup);
        _key = RandomStreams.DeriveSeed(setup.Seed, "bandit.environment.gaussian", setup.Repetition);
    }

    /// <inheritdoc />
    public void Context(long step, Span<float> context)
    {
    }

    /// <inheritdoc />
    public double Reward(long step, int arm) => _means.Means[arm] + options.Sigma * CounterRandom.Gaussian(_key, step, arm);

    /// <inheritdoc />
    public double ExpectedReward(long step, int arm) => _means.Means[arm];

    /// <inheritdoc />
    public double BestExpectedReward(long step) => _means.BestExpectedReward(step);
}
