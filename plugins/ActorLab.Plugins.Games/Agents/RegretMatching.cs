using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Agents;

/// <summary>Options of <see cref="RegretMatching"/>.</summary>
public sealed record RegretMatchingOptions
{
    /// <summary>Regret matching+ (Tammelin 2014): clip cumulative regrets at 0 after every update.</summary>
    public bool Plus { get; init; }
}

/// <summary>
/// Regret matching (Hart &amp; Mas-Colell, "A Simple Adaptive Procedure Leading to Correlated Equilibrium",
/// Econometrica 2000): R(a) += &lt;l, pi&gt; - l(a); play pi(a) proportional to max(R(a), 0), uniform when no regret is
/// positive. Self-play's empirical joint play converges to the set of coarse correlated equilibria. With
/// <see cref="RegretMatchingOptions.Plus"/>, regret matching+: R(a) = max(0, R(a) + &lt;l, pi&gt; - l(a)).
/// </summary>
public sealed class RegretMatching(RegretMatchingOptions options) : LossVectorAgent
{
    private double[] _regret = [];
    private double[] _strategy = [];

    /// <inheritdoc />
    protected override void OnReset(AgentSetup setup)
    {
        _regret = new double[setup.Actions];
        _strategy = new double[setup.Actions];
    }

    /// <inheritdoc />
    public override void Strategy(long round, Span<double> strategy)
    {
        double positive = 0;
        foreach (var r in _regret)
        {
            positive += Math.Max(r, 0);
        }

        for (var a = 0; a < strategy.Length; a++)
        {
            strategy[a] = positive > 0 ? Math.Max(_regret[a], 0) / positive : 1.0 / strategy.Length;
        }

        strategy.CopyTo(_strategy);
    }

    /// <inheritdoc />
    public override void Observe(long round, ReadOnlySpan<double> losses)
    {
        double expected = 0;
        for (var a = 0; a < losses.Length; a++)
        {
            expected += _strategy[a] * losses[a];
        }

        for (var a = 0; a < losses.Length; a++)
        {
            _regret[a] += expected - losses[a];
            if (options.Plus && _regret[a] < 0)
            {
                _regret[a] = 0;
            }
        }
    }
}
