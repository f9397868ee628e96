namespace ActorLab.Host.Resume;

/// <summary>The journal of one federated run.</summary>
/// <param name="Settings">Where it lives.</param>
/// <param name="RunDirectory">The run's folder (the SQLite file goes in it).</param>
/// <param name="Resume">True when the run resumes: the server waits for the journal's replay and goes on after it.</param>
public sealed record RunJournal(JournalSettings Settings, string RunDirectory, bool Resume);
