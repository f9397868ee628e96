using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Sequences;

/// <summary>
/// An adaptive adversary to the learner: each round it puts loss 1 on the action the learner is most likely to play
/// (lowest index on ties) and 0 on the others. A deterministic learner (follow the leader, best response) loses every
/// round while the best fixed action loses about T / K: linear regret. A randomised no-regret learner stays near
/// uniform and keeps its regret sublinear.
/// </summary>
public sealed class AdversarialLosses(LossSequenceOptions options) : ILossSequence
{
    /// <inheritdoc />
    public int Actions => options.Actions >= 2 ? options.Actions : throw new ArgumentException("adversarial: actions must be at least 2");

    /// <inheritdoc />
    public void Reset(GameSetup setup)
    {
    }

    /// <inheritdoc />
    public void Losses(long round, ReadOnlySpan<double> strategy, Span<double> losses)
    {
        var target = 0;
        for (var a = 1; a < strategy.Length; a++)
        {
            if (strategy[a] > strategy[target])
            {
                target = a;
            }
        }

        losses.Clear();
        losses[target] = 1;
    }
}
