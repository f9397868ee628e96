using DuckDB.NET.Data;

namespace ActorLab.Host.Results.Database;

/// <summary>
/// Marks <c>crashed</c> the runs that the database still shows running but whose process is gone: their folder's lock
/// (<see cref="RunFolderLock"/>) was left behind by a process that no longer runs (killed, or the machine stopped).
/// Their end is the last time the run wrote a file. Runs without a lock (kinds that take none, runs of older versions)
/// stay as they are: nothing tells whether they still run. Done when a run starts, when <c>runs list</c> or
/// <c>runs show</c> reads the database, and when <c>resume</c> looks for the run.
/// </summary>
public static class CrashedRuns
{
    /// <summary>The status of such a run.</summary>
    public const string Status = "crashed";

    /// <summary>Marks them inside an open write transaction; returns their ids.</summary>
    public static IReadOnlyList<string> Mark(DuckDBConnection connection)
    {
        var marked = new List<string>();
        foreach (var (id, folder, owner) in Gone(connection))
        {
            var resumable = Resume.ResumeRecord.IsJournaled(folder) ? $"; `actorlab resume {id}` goes on from its last persisted round" : "";
            ResultsDatabase.Execute(connection, "UPDATE runs SET status = $1, ended_at = $2, failure = $3 WHERE run_id = $4 AND status = 'running'",
                Status, RunFolderLock.LastActivityUtc(folder) ?? owner.LockedAt,
                $"its process (pid {owner.Pid} on {owner.Host}) ended without finishing the run: killed, or the machine stopped{resumable}", id);
            marked.Add(id);
        }

        return marked;
    }

    /// <summary>The running rows whose folder's lock was left by a process that is gone.</summary>
    private static List<(string Id, string Folder, RunLockOwner Owner)> Gone(DuckDBConnection connection)
    {
        var running = new List<(string Id, string Folder)>();
        using (var command = ResultsDatabase.Command(connection, "SELECT run_id, run_directory FROM runs WHERE status = 'running'"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                running.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return running.Select(r => (r.Id, r.Folder, Owner: Directory.Exists(r.Folder) ? RunFolderLock.StaleOwner(r.Folder) : null))
            .Where(r => r.Owner is not null).Select(r => (r.Id, r.Folder, r.Owner!)).ToList();
    }

    /// <summary>
    /// Marks them in <paramref name="databasePath"/>, as well as it can: a database that is missing, not a database or
    /// not writable keeps its rows (the command that reads it reports what is wrong with it).
    /// </summary>
    public static void Mark(string databasePath)
    {
        if (!File.Exists(databasePath))
        {
            return;
        }

        try
        {
            // Read first: most of the time no run crashed, and the database is not written at all.
            var database = new ResultsDatabase(databasePath);
            if (database.Read(connection => Gone(connection).Count) > 0)
            {
                database.Write([connection => Mark(connection)]);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // best effort: reading the database must not fail because it could not be written
        }
    }
}
