using ActorLab.Host.Federated;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Tests.Support;

/// <summary>Cancels an in-process federated run once round <paramref name="round"/> is reported (that is, persisted).</summary>
public sealed class CancelAfterRound(int round, CancellationTokenSource cancel) : IRunObserver
{
    /// <inheritdoc />
    public void OnRoundCompleted(RoundMetrics metrics)
    {
        if (metrics.Round == round)
        {
            _ = cancel.CancelAsync(); // not inline: this runs on the run supervisor's thread
        }
    }

    /// <inheritdoc />
    public void OnRunCompleted()
    {
    }

    /// <inheritdoc />
    public void OnRunFailed(string reason)
    {
    }

    /// <inheritdoc />
    public void OnComponentError(string source, string detail)
    {
    }
}
