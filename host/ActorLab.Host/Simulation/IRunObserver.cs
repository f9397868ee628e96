using ActorLab.Host.Federated;

namespace ActorLab.Host.Simulation;

/// <summary>
/// Receives a run's results as they complete (results writer, progress display, tests). Called from the
/// run supervisor actor, one call at a time; implementations must be quick.
/// </summary>
public interface IRunObserver
{
    /// <summary>A round finished.</summary>
    void OnRoundCompleted(RoundMetrics metrics);

    /// <summary>The last round finished.</summary>
    void OnRunCompleted();

    /// <summary>The run stopped before its last round.</summary>
    void OnRunFailed(string reason);

    /// <summary>
    /// A resumed run's journal was replayed: its <paramref name="rounds"/> persisted rounds follow (and then the new ones).
    /// Results are replaced from here on, never before: a resume that fails earlier leaves what was written.
    /// </summary>
    void OnJournalReplayed(int rounds)
    {
    }

    /// <summary>A component threw; <paramref name="detail"/> is the full exception, stack trace included.</summary>
    void OnComponentError(string source, string detail);
}
