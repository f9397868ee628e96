using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Agents;

/// <summary>
/// Fictitious play (Brown 1951): best-respond to the empirical frequencies of the others' past joint actions,
/// argmin_a sum_o freq(o) L(a, o). Against a loss sequence (no opponents) it is follow-the-leader, argmin_a L_{t-1}(a).
/// Deterministic (lowest index on ties), so an adaptive adversary makes its regret linear, and in Shapley's game its
/// play cycles forever.
/// </summary>
public sealed class FictitiousPlay : LossVectorAgent
{
    private double[] _cumulative = [];
    private OpponentModel? _opponents;

    /// <inheritdoc />
    protected override void OnReset(AgentSetup setup)
    {
        _cumulative = new double[setup.Actions];
        _opponents = setup.Payoffs is null ? null : new OpponentModel(setup.Payoffs, setup.Player);
    }

    /// <inheritdoc />
    public override void Strategy(long round, Span<double> strategy)
    {
        if (_opponents is { HasHistory: true })
        {
            _opponents.ExpectedLosses(_cumulative); // against the empirical frequencies
        }

        Pure(strategy, Argmin(_cumulative));
        if (_opponents is not null)
        {
            Array.Clear(_cumulative);
        }
    }

    /// <inheritdoc />
    public override void Observe(long round, ReadOnlySpan<double> losses)
    {
        if (_opponents is null)
        {
            for (var a = 0; a < losses.Length; a++)
            {
                _cumulative[a] += losses[a];
            }
        }
    }

    /// <inheritdoc />
    public override void ObserveOthers(long round, ReadOnlySpan<int> othersActions) => _opponents?.Count(othersActions);
}
