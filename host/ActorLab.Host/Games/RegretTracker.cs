namespace ActorLab.Host.Games;

/// <summary>
/// One agent's running totals over a repetition, from the full loss vector of every round whatever the agent itself
/// observed: external regret sum_t &lt;l_t, pi_t&gt; - min_a sum_t l_t(a), dynamic regret sum_t (&lt;l_t, pi_t&gt; - min_a l_t(a)),
/// and the time-averaged strategy.
/// </summary>
public sealed class RegretTracker(int actions)
{
    /// <summary>Rounds added.</summary>
    public long Rounds { get; private set; }

    /// <summary>sum_t &lt;l_t, pi_t&gt;.</summary>
    public double ExpectedLoss { get; private set; }

    /// <summary>sum_t l_t(a) per action.</summary>
    public double[] ActionLoss { get; } = new double[actions];

    /// <summary>sum_t pi_t.</summary>
    public double[] StrategySum { get; } = new double[actions];

    /// <summary>sum_t (&lt;l_t, pi_t&gt; - min_a l_t(a)).</summary>
    public double DynamicRegret { get; private set; }

    /// <summary>External regret against the best fixed action in hindsight.</summary>
    public double ExternalRegret => ExpectedLoss - ActionLoss.Min();

    /// <summary>The time-averaged strategy.</summary>
    public double[] AverageStrategy() => StrategySum.Select(s => Rounds == 0 ? 1.0 / StrategySum.Length : s / Rounds).ToArray();

    /// <summary>Adds one round.</summary>
    public void Add(ReadOnlySpan<double> strategy, ReadOnlySpan<double> losses)
    {
        double expected = 0, best = double.PositiveInfinity;
        // Spans of one length, so the loop runs without bounds checks (this runs for every player every round).
        var actionLoss = ActionLoss.AsSpan(0, losses.Length);
        var strategySum = StrategySum.AsSpan(0, losses.Length);
        var pi = strategy[..losses.Length];
        for (var a = 0; a < losses.Length; a++)
        {
            expected += pi[a] * losses[a];
            actionLoss[a] += losses[a];
            strategySum[a] += pi[a];
            best = Math.Min(best, losses[a]);
        }

        ExpectedLoss += expected;
        DynamicRegret += expected - best;
        Rounds++;
    }
}
