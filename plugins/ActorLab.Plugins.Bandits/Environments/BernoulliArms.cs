using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>Options of <see cref="BernoulliArms"/>.</summary>
public sealed record BernoulliArmsOptions
{
    /// <summary>The arms' success probabilities, each in [0, 1]; leave out to draw <see cref="Arms"/> of them uniformly per repetition.</summary>
    [Range(0.0, 1.0)]
    [MinLength(1)]
    public double[]? Means { get; init; }

    /// <summary>K when the means are drawn.</summary>
    [Range(1, StationaryArmMeans.MaxArms)]
    public int Arms { get; init; } = 10;
}

/// <summary>
/// Stationary stochastic arms with rewards in {0, 1}: arm a pays 1 with probability mu_a. The reward of (step, arm) is
/// a pure function of (seed, repetition, step, arm), so every policy of a repetition faces the same draws.
/// </summary>
public sealed class BernoulliArms(BernoulliArmsOptions options) : IBanditEnvironment
{
    private readonly StationaryArmMeans _means = new(options.Means, options.Arms);
    private ulong _key;

    /// <inheritdoc />
    public int Arms => _means.Arms;

    /// <inheritdoc />
    public int ContextDimension => 0;

    /// <summary>This repetition's means.</summary>
    public IReadOnlyList<double> Means => _means.Values;

    /// <summary>This repetition's means as the array rewards read (for policies' batch fast paths).</summary>
    internal double[] MeanValues => _means.Values;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _key = RandomStreams.DeriveSeed(setup.Seed, "bandit.environment.rewards", setup.Repetition);
        _means.Reset(setup);
    }

    /// <inheritdoc />
    public void Context(long step, Span<float> context)
    {
    }

    /// <inheritdoc />
    public double Reward(long step, int arm) => CounterRandom.Uniform(_key, step, arm) < _means.Values[arm] ? 1 : 0;

    /// <inheritdoc />
    public double ExpectedReward(long step, int arm) => _means.Values[arm];

    /// <inheritdoc />
    public double BestExpectedReward(long step) => _means.Best;
}
