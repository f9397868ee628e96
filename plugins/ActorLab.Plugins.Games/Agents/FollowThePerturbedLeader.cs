using ActorLab.Contracts.Games;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Games.Agents;

/// <summary>Options of <see cref="FollowThePerturbedLeader"/>.</summary>
public sealed record FtplOptions
{
    /// <summary>Width of the uniform perturbation; default sqrt(K T) (Kalai &amp; Vempala's tuning for losses in [0, 1]).</summary>
    public double? Scale { get; init; }
}

/// <summary>
/// Follow the perturbed leader (Kalai &amp; Vempala, "Efficient algorithms for online decision problems", JCSS 2005):
/// each round draw fresh noise z_a ~ U[0, scale] and play argmin_a (L_{t-1}(a) - z_a). The strategy it states is
/// that pure action (its randomness is in the draw), so its regret is the realised one; in expectation
/// O(sqrt(K T)).
/// </summary>
public sealed class FollowThePerturbedLeader(FtplOptions options) : LossVectorAgent
{
    private double[] _cumulative = [];
    private double[] _perturbed = [];
    private double _scale;
    private Random _random = new(0);

    /// <inheritdoc />
    protected override void OnReset(AgentSetup setup)
    {
        _cumulative = new double[setup.Actions];
        _perturbed = new double[setup.Actions];
        _scale = options.Scale ?? Math.Sqrt(setup.Actions * (double)Math.Max(1, setup.Game.Rounds));
        _random = RandomStreams.Create(setup.Game.Seed, $"agent.ftpl.{setup.Player}", setup.Game.Repetition);
    }

    /// <inheritdoc />
    public override void Strategy(long round, Span<double> strategy)
    {
        for (var a = 0; a < _perturbed.Length; a++)
        {
            _perturbed[a] = _cumulative[a] - _scale * _random.NextDouble();
        }

        Pure(strategy, Argmin(_perturbed));
    }

    /// <inheritdoc />
    public override void Observe(long round, ReadOnlySpan<double> losses)
    {
        for (var a = 0; a < losses.Length; a++)
        {
            _cumulative[a] += losses[a];
        }
    }
}
