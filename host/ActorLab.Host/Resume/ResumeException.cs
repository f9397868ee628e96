namespace ActorLab.Host.Resume;

/// <summary>
/// A run cannot be resumed (already complete, not federated, no journal, plugins changed, undeclared component state)
/// or the journal is misconfigured; the message says which and what to do. An input error: exit code 2.
/// </summary>
public sealed class ResumeException(string message) : Exception(message);
