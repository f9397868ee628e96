using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Agents;

/// <summary>Uniform random play, 1/K on every action every round: the no-learning baseline (linear regret whenever one action is better).</summary>
public sealed class UniformRandom : LossVectorAgent
{
    /// <inheritdoc />
    protected override void OnReset(AgentSetup setup)
    {
    }

    /// <inheritdoc />
    public override void Strategy(long round, Span<double> strategy) => strategy.Fill(1.0 / strategy.Length);

    /// <inheritdoc />
    public override void Observe(long round, ReadOnlySpan<double> losses)
    {
    }
}
