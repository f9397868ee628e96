using ActorLab.Contracts.Games;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Games.Sequences;

/// <summary>
/// Losses with a linear trend (Park et al., ICLR 2025, non-stationary online learning): l_t(a) = clip(b_a + s_a t / T
/// + noise, 0, 1), intercepts b_a ~ U[0, 1] and slopes s_a ~ U[-1/2, 1/2] per repetition, Gaussian noise per round.
/// The best action can change along the way, so dynamic regret differs from external regret.
/// </summary>
public sealed class LinearTrendLosses(LossSequenceOptions options) : ILossSequence
{
    private double[] _intercepts = [];
    private double[] _slopes = [];
    private ulong _key;
    private long _rounds;

    /// <inheritdoc />
    public int Actions => options.Actions >= 2 ? options.Actions : throw new ArgumentException("linear-trend: actions must be at least 2");

    /// <inheritdoc />
    public void Reset(GameSetup setup)
    {
        var random = RandomStreams.Create(setup.Seed, "sequence.linear-trend", setup.Repetition);
        _intercepts = Enumerable.Range(0, Actions).Select(_ => random.NextDouble()).ToArray();
        _slopes = Enumerable.Range(0, Actions).Select(_ => random.NextDouble() - 0.5).ToArray();
        _key = RandomStreams.DeriveSeed(setup.Seed, "sequence.linear-trend.noise", setup.Repetition);
        _rounds = Math.Max(1, setup.Rounds);
    }

    /// <inheritdoc />
    public void Losses(long round, ReadOnlySpan<double> strategy, Span<double> losses)
    {
        var progress = (double)round / _rounds;
        for (var a = 0; a < losses.Length; a++)
        {
            losses[a] = Math.Clamp(_intercepts[a] + _slopes[a] * progress + options.Noise * CounterRandom.Gaussian(_key, round, a), 0, 1);
        }
    }
}
