using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Agents;

/// <summary>
/// Best response to the last round: in a game, argmin_a L(a, o_{t-1}) for the others' last joint action o; against a
/// loss sequence, argmin_a l_{t-1}(a). Round 0 plays action 0. Deterministic, the classic myopic baseline.
/// </summary>
public sealed class BestResponse : LossVectorAgent
{
    private double[] _last = [];
    private OpponentModel? _opponents;

    /// <inheritdoc />
    protected override void OnReset(AgentSetup setup)
    {
        _last = new double[setup.Actions];
        _opponents = setup.Payoffs is null ? null : new OpponentModel(setup.Payoffs, setup.Player);
    }

    /// <inheritdoc />
    public override void Strategy(long round, Span<double> strategy)
    {
        if (_opponents is { HasHistory: true })
        {
            _opponents.ExpectedLosses(_last);
        }

        Pure(strategy, Argmin(_last));
    }

    /// <inheritdoc />
    public override void Observe(long round, ReadOnlySpan<double> losses)
    {
        if (_opponents is null)
        {
            losses.CopyTo(_last);
        }
    }

    /// <inheritdoc />
    public override void ObserveOthers(long round, ReadOnlySpan<int> othersActions)
    {
        _opponents?.Clear();
        _opponents?.Count(othersActions);
    }
}
