using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>Options of <see cref="DriftingArms"/>.</summary>
public sealed record DriftingOptions
{
    /// <summary>K.</summary>
    [Range(1, StationaryArmMeans.MaxArms)]
    public int Arms { get; init; } = 10;

    /// <summary>Steps for one full cycle of every arm's mean.</summary>
    [Range(1, int.MaxValue)]
    public long Period { get; init; } = 20_000;

    /// <summary>Half the range the means sweep: mu in [0.5 - amplitude, 0.5 + amplitude].</summary>
    [Range(0.0, 0.5)]
    public double Amplitude { get; init; } = 0.4;
}

/// <summary>
/// A slowly drifting Bernoulli bandit: arm a's mean is mu_a(t) = 0.5 + amplitude sin(2 pi t / period + phi_a), the
/// phases phi_a drawn uniformly per repetition, so the best arm changes smoothly rather than at change points (the
/// "slowly varying" setting of Besbes, Gur &amp; Zeevi, "Stochastic Multi-Armed-Bandit Problem with Non-stationary
/// Rewards", NeurIPS 2014, with a bounded variation budget).
/// </summary>
public sealed class DriftingArms(DriftingOptions options) : NonStationaryBernoulliArms(options.Arms)
{
    private double[] _phases = [];

    /// <inheritdoc />
    protected override string Name => "drifting";

    /// <inheritdoc />
    protected override void OnReset(BanditSetup setup)
    {
        if (options.Period < 1 || options.Amplitude is < 0 or > 0.5)
        {
            throw new ArgumentException($"drifting: period must be at least 1 and amplitude in [0, 0.5], got {options.Period} and {options.Amplitude}");
        }

        var random = RandomStreams.Create(setup.Seed, "bandit.drifting.phases", setup.Repetition);
        _phases = Enumerable.Range(0, options.Arms).Select(_ => 2 * Math.PI * random.NextDouble()).ToArray();
    }

    /// <inheritdoc />
    protected override long MeansKey(long step) => step;

    /// <inheritdoc />
    protected override void FillMeans(long step, double[] means)
    {
        var angle = 2 * Math.PI * (step % options.Period) / options.Period;
        for (var a = 0; a < means.Length; a++)
        {
            means[a] = 0.5 + options.Amplitude * Math.Sin(angle + _phases[a]);
        }
    }
}
