namespace ActorLab.Host.Resume;

/// <summary>What a run's journal holds, as <see cref="JournalCheck"/> read it before a resume trusts it.</summary>
/// <param name="Journal">The journal, for messages: its SQLite file, or the PostgreSQL journal and persistence id.</param>
/// <param name="Rounds">Rounds 1 to <paramref name="Rounds"/> are whole and in order: the last good round (0: none).</param>
/// <param name="Problem">What is wrong with the journal after them; null when it is sound.</param>
public sealed record JournalContents(string Journal, int Rounds, string? Problem);
