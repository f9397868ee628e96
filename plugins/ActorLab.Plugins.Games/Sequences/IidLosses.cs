using ActorLab.Contracts.Games;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Games.Sequences;

/// <summary>
/// I.i.d. losses: each action has a mean mu_a ~ U[0, 1] per repetition and its loss each round is Bernoulli(mu_a),
/// drawn from (seed, repetition, round, action). The stochastic setting of Park et al.'s online-learning experiments.
/// </summary>
public sealed class IidLosses(LossSequenceOptions options) : ILossSequence
{
    private double[] _means = [];
    private ulong _key;

    /// <inheritdoc />
    public int Actions => options.Actions >= 2 ? options.Actions : throw new ArgumentException("iid: actions must be at least 2");

    /// <inheritdoc />
    public void Reset(GameSetup setup)
    {
        var random = RandomStreams.Create(setup.Seed, "sequence.iid.means", setup.Repetition);
        _means = Enumerable.Range(0, Actions).Select(_ => random.NextDouble()).ToArray();
        _key = RandomStreams.DeriveSeed(setup.Seed, "sequence.iid.draws", setup.Repetition);
    }

    /// <inheritdoc />
    public void Losses(long round, ReadOnlySpan<double> strategy, Span<double> losses)
    {
        for (var a = 0; a < losses.Length; a++)
        {
            losses[a] = CounterRandom.Uniform(_key, round, a) < _means[a] ? 1 : 0;
        }
    }
}
