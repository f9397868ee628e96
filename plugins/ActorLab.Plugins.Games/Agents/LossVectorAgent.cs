using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Agents;

/// <summary>
/// Base of the agents that learn from loss vectors. Under bandit feedback it feeds them the importance-weighted
/// estimate lhat(a) = l 1[a = played] / p (unbiased for the whole vector, as in EXP3), so every full-information rule
/// also runs with bandit feedback.
/// </summary>
public abstract class LossVectorAgent : IGameAgent
{
    private double[] _estimate = [];

    /// <summary>K, its number of actions.</summary>
    protected int Actions { get; private set; }

    /// <summary>The repetition's setup.</summary>
    protected AgentSetup Setup { get; private set; } = null!;

    /// <inheritdoc />
    public void Reset(AgentSetup setup)
    {
        Setup = setup;
        Actions = setup.Actions;
        _estimate = new double[setup.Actions];
        OnReset(setup);
    }

    /// <inheritdoc />
    public abstract void Strategy(long round, Span<double> strategy);

    /// <inheritdoc />
    public abstract void Observe(long round, ReadOnlySpan<double> losses);

    /// <inheritdoc />
    public void ObserveBandit(long round, int action, double loss, double probability)
    {
        Array.Clear(_estimate);
        _estimate[action] = loss / Math.Max(probability, 1e-12);
        Observe(round, _estimate);
    }

    /// <inheritdoc />
    public virtual void ObserveOthers(long round, ReadOnlySpan<int> othersActions)
    {
    }

    /// <summary>Starts a repetition.</summary>
    protected abstract void OnReset(AgentSetup setup);

    /// <summary>A one-hot strategy on <paramref name="action"/>.</summary>
    protected static void Pure(Span<double> strategy, int action)
    {
        strategy.Clear();
        strategy[action] = 1;
    }

    /// <summary>The index of the smallest value, lowest on ties.</summary>
    protected static int Argmin(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var a = 1; a < values.Length; a++)
        {
            if (values[a] < values[best])
            {
                best = a;
            }
        }

        return best;
    }
}
