using ActorLab.Contracts.Games;

namespace ActorLabPlugin1;

/// <summary>Options of <see cref="Hedge"/>.</summary>
public sealed record HedgeOptions
{
    /// <summary>Learning rate eta; 0 (the default) means sqrt(8 ln K / T), the rate of the regret bound.</summary>
    public double LearningRate { get; init; }
}

/// <summary>
/// Hedge (multiplicative weights): plays p_i proportional to exp(-eta L_i), L_i the cumulative loss of action i.
/// Under bandit feedback L_i grows by the importance-weighted loss / probability of the action played.
/// </summary>
public sealed class Hedge(HedgeOptions options) : IGameAgent
{
    private double[] _cumulative = [];
    private double _eta;

    /// <inheritdoc />
    public void Reset(AgentSetup setup)
    {
        _cumulative = new double[setup.Actions];
        _eta = options.LearningRate > 0
            ? options.LearningRate
            : Math.Sqrt(8 * Math.Log(setup.Actions) / Math.Max(1, setup.Game.Rounds));
    }

    /// <inheritdoc />
    public void Strategy(long round, Span<double> strategy)
    {
        // Subtracting the smallest loss keeps exp() from underflowing; it cancels in the normalisation.
        var min = _cumulative.Min();
        var total = 0.0;
        for (var i = 0; i < strategy.Length; i++)
        {
            strategy[i] = Math.Exp(-_eta * (_cumulative[i] - min));
            total += strategy[i];
        }

        for (var i = 0; i < strategy.Length; i++)
        {
            strategy[i] /= total;
        }
    }

    /// <inheritdoc />
    public void Observe(long round, ReadOnlySpan<double> losses)
    {
        for (var i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] += losses[i];
        }
    }

    /// <inheritdoc />
    public void ObserveBandit(long round, int action, double loss, double probability) =>
        _cumulative[action] += loss / probability;
}
