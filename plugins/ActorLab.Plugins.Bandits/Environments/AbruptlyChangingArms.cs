using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>Options of <see cref="AbruptlyChangingArms"/>.</summary>
public sealed record AbruptlyChangingOptions
{
    /// <summary>K.</summary>
    [Range(1, StationaryArmMeans.MaxArms)]
    public int Arms { get; init; } = 10;

    /// <summary>Steps between change points: every arm's mean is redrawn at steps Period, 2 Period, ...</summary>
    [Range(1, int.MaxValue)]
    public long Period { get; init; } = 10_000;
}

/// <summary>
/// A piecewise-stationary (abruptly changing) Bernoulli bandit, the setting of discounted and sliding-window UCB
/// (Garivier &amp; Moulines, "On Upper-Confidence Bound Policies for Switching Bandit Problems", ALT 2011): time is cut
/// into segments of <see cref="AbruptlyChangingOptions.Period"/> steps and every arm's mean is redrawn uniformly in
/// [0, 1] at the start of each segment, as a pure function of (seed, repetition, segment, arm).
/// </summary>
public sealed class AbruptlyChangingArms(AbruptlyChangingOptions options) : NonStationaryBernoulliArms(options.Arms)
{
    private ulong _meanKey;

    /// <inheritdoc />
    protected override string Name => "abrupt";

    /// <inheritdoc />
    protected override void OnReset(BanditSetup setup)
    {
        if (options.Period < 1)
        {
            throw new ArgumentException($"abrupt: period must be at least 1, got {options.Period}");
        }

        _meanKey = RandomStreams.DeriveSeed(setup.Seed, "bandit.abrupt.means", setup.Repetition);
    }

    /// <inheritdoc />
    protected override long MeansKey(long step) => step / options.Period;

    /// <inheritdoc />
    protected override void FillMeans(long step, double[] means)
    {
        for (var a = 0; a < means.Length; a++)
        {
            means[a] = CounterRandom.Uniform(_meanKey, step / options.Period, a);
        }
    }
}
