using ActorLab.Host.Federated;

namespace ActorLab.Host.Simulation;

/// <summary>
/// Forwards run events to other observers and turns the end of the run into a task: completed on
/// success, faulted with <see cref="RunFailedException"/> on failure.
/// </summary>
public sealed class CompletionObserver(params IRunObserver[] observers) : IRunObserver
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the run ends.</summary>
    public Task Completion => _completion.Task;

    /// <inheritdoc />
    public void OnRoundCompleted(RoundMetrics metrics)
    {
        foreach (var observer in observers)
        {
            observer.OnRoundCompleted(metrics);
        }
    }

    /// <inheritdoc />
    public void OnJournalReplayed(int rounds)
    {
        foreach (var observer in observers)
        {
            observer.OnJournalReplayed(rounds);
        }
    }

    /// <inheritdoc />
    public void OnRunCompleted()
    {
        foreach (var observer in observers)
        {
            observer.OnRunCompleted();
        }

        _completion.TrySetResult();
    }

    /// <inheritdoc />
    public void OnComponentError(string source, string detail)
    {
        foreach (var observer in observers)
        {
            observer.OnComponentError(source, detail);
        }
    }

    /// <inheritdoc />
    public void OnRunFailed(string reason)
    {
        foreach (var observer in observers)
        {
            observer.OnRunFailed(reason);
        }

        _completion.TrySetException(new RunFailedException(reason));
    }
}

/// <summary>
/// The run stopped before its last round; completed rounds are already written. The reason, with known secrets masked,
/// becomes the summary's and the database's failure.
/// </summary>
public sealed class RunFailedException(string reason) : Exception(Secrets.SecretRedaction.RedactText(reason));
