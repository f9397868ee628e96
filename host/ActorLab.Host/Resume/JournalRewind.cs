using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ActorLab.Host.Resume;

/// <summary>
/// <c>actorlab resume --from-round N</c>: keeps a run's journal events 1 to N and drops the rest, so that the run goes
/// on after round N (a journal damaged after its last good round, or a rewind the user asks for). An SQLite journal is
/// rebuilt as a new file from the kept events (a damaged file is never written to) and the old one is kept next to it,
/// renamed; a PostgreSQL journal loses the events after N.
/// </summary>
public static class JournalRewind
{
    /// <summary>Keeps events 1 to <paramref name="rounds"/>; returns where the old SQLite journal now is (null for PostgreSQL).</summary>
    /// <exception cref="ResumeException">The journal cannot be read far enough to rebuild it.</exception>
    public static string? KeepRounds(JournalSettings settings, string runDirectory, string persistenceId, int rounds)
    {
        if (settings.Provider == "postgresql")
        {
            using var db = JournalSql.PostgreSql(settings);
            using var delete = JournalSql.Command(db.OpenDbConnection(), null, "DELETE FROM journal WHERE persistence_id = @id AND sequence_number > @rounds", ("@id", persistenceId), ("@rounds", rounds));
            delete.ExecuteNonQuery();
            return null;
        }

        var file = Path.Combine(runDirectory, JournalSettings.SqliteFileName);
        if (!File.Exists(file))
        {
            return null;
        }

        var rebuilt = file + ".rebuilt";
        File.Delete(rebuilt);
        try
        {
            using (var snapshot = SqliteJournalSnapshot.Of(file))
            using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = rebuilt, Pooling = false }.ToString()))
            {
                snapshot.Open();
                target.Open();
                Copy(snapshot.Connection, target, persistenceId, rounds);
            }
        }
        catch (SqliteException ex)
        {
            File.Delete(rebuilt);
            throw new ResumeException($"{file}: cannot be read far enough to keep its first {rounds} round(s) ({ex.Message.Split('\n', 2)[0]}); start the run anew");
        }

        var kept = Path.Combine(runDirectory, $"journal.before-rewind-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.db");
        foreach (var suffix in SqliteJournalSnapshot.Companions.Prepend("").Where(c => File.Exists(file + c)))
        {
            File.Move(file + suffix, kept + suffix);
        }

        File.Move(rebuilt, file);
        return kept;
    }

    /// <summary>Creates <paramref name="source"/>'s tables and indexes in <paramref name="target"/> and copies the run's first events.</summary>
    private static void Copy(SqliteConnection source, SqliteConnection target, string persistenceId, int rounds)
    {
        using var transaction = target.BeginTransaction();
        using (var schema = JournalSql.Command(source, null, "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table' DESC"))
        using (var statements = schema.ExecuteReader())
        {
            while (statements.Read())
            {
                using var create = JournalSql.Command(target, transaction, statements.GetString(0));
                create.ExecuteNonQuery();
            }
        }

        // Row by row, stopping at the last event kept: a damaged file may not be readable past it.
        using var select = JournalSql.Command(source, null, "SELECT * FROM journal WHERE persistence_id = @id ORDER BY ordering", ("@id", persistenceId));
        using var events = select.ExecuteReader();
        var columns = Enumerable.Range(0, events.FieldCount).Select(events.GetName).ToList();
        var insert = $"INSERT INTO journal ({string.Join(", ", columns.Select(c => $"[{c}]"))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@c{i}"))})";
        for (var copied = 0; copied < rounds && events.Read(); copied++)
        {
            using var row = JournalSql.Command(target, transaction, insert, columns.Select((_, i) => ($"@c{i}", events.GetValue(i))).ToArray());
            row.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
