using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>Options of <see cref="GaussianArms"/>.</summary>
public sealed record GaussianArmsOptions
{
    /// <summary>The arms' means; leave out to draw <see cref="Arms"/> of them uniformly in [0, 1] per repetition.</summary>
    [MinLength(1)]
    public double[]? Means { get; init; }

    /// <summary>K when the means are drawn.</summary>
    [Range(1, StationaryArmMeans.MaxArms)]
    public int Arms { get; init; } = 10;

    /// <summary>The reward noise's standard deviation.</summary>
    [Range(0.0, double.MaxValue)]
    public double Sigma { get; init; } = 1.0;
}

/// <summary>Stationary Gaussian arms: arm a pays mu_a + sigma z, z ~ N(0, 1), drawn from (seed, repetition, step, arm).</summary>
public sealed class GaussianArms(GaussianArmsOptions options) : IBanditEnvironment
{
    private readonly StationaryArmMeans _means = new(options.Means, options.Arms);
    private ulong _key;

    /// <inheritdoc />
    public int Arms => _means.Arms;

    /// <inheritdoc />
    public int ContextDimension => 0;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        // The means draw the same streams as Bernoulli arms', so both kinds face the same arms for a seed.
        _means.Reset(setup);
        _key = RandomStreams.DeriveSeed(setup.Seed, "bandit.environment.gaussian", setup.Repetition);
    }

    /// <inheritdoc />
    public void Context(long step, Span<float> context)
    {
    }

    /// <inheritdoc />
    public double Reward(long step, int arm) => _means.Values[arm] + options.Sigma * CounterRandom.Gaussian(_key, step, arm);

    /// <inheritdoc />
    public double ExpectedReward(long step, int arm) => _means.Values[arm];

    /// <inheritdoc />
    public double BestExpectedReward(long step) => _means.Best;
}
