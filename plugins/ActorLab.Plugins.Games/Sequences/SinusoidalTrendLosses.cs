using ActorLab.Contracts.Games;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Games.Sequences;

/// <summary>
/// Losses with a sinusoidal trend (Park et al., ICLR 2025): l_t(a) = clip(1/2 + 0.4 sin(2 pi t / period + phi_a) +
/// noise, 0, 1), phases phi_a ~ U[0, 2 pi) per repetition. The best action rotates with the phase; by default the
/// period is twice the horizon.
/// </summary>
public sealed class SinusoidalTrendLosses(LossSequenceOptions options) : ILossSequence
{
    private double[] _phases = [];
    private ulong _key;
    private long _period;

    /// <inheritdoc />
    public int Actions => options.Actions >= 2 && options.Period >= 0
        ? options.Actions
        : throw new ArgumentException("sinusoidal-trend: actions must be at least 2 and period at least 0 (0: twice the horizon)");

    /// <inheritdoc />
    public void Reset(GameSetup setup)
    {
        var random = RandomStreams.Create(setup.Seed, "sequence.sinusoidal-trend", setup.Repetition);
        _phases = Enumerable.Range(0, Actions).Select(_ => 2 * Math.PI * random.NextDouble()).ToArray();
        _key = RandomStreams.DeriveSeed(setup.Seed, "sequence.sinusoidal-trend.noise", setup.Repetition);
        _period = options.Period > 0 ? options.Period : 2 * Math.Max(1, setup.Rounds);
    }

    /// <inheritdoc />
    public void Losses(long round, ReadOnlySpan<double> strategy, Span<double> losses)
    {
        var angle = 2 * Math.PI * (round % _period) / _period;
        for (var a = 0; a < losses.Length; a++)
        {
            losses[a] = Math.Clamp(0.5 + 0.4 * Math.Sin(angle + _phases[a]) + options.Noise * CounterRandom.Gaussian(_key, round, a), 0, 1);
        }
    }
}
