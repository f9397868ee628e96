using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ActorLab.Host.Resume;

/// <summary>
/// Reads a run's journal before a resume trusts it, without Akka and without writing anything: every event of the run
/// must be there in order (sequence numbers 1, 2, ...), not marked deleted, stored by ActorLab's checkpoint serializer,
/// whole and unchanged (its SHA-256, <see cref="RoundCheckpointSerializer"/>) and holding the round its number says; an
/// SQLite file must also pass SQLite's own check. It takes milliseconds, where Akka's replay of a damaged journal fails
/// after its 30 s recovery timeout with thousands of lines of log.
/// </summary>
public static class JournalCheck
{
    /// <summary>Reads the journal of the run in <paramref name="runDirectory"/>.</summary>
    public static JournalContents Read(JournalSettings settings, string runDirectory, string persistenceId)
    {
        if (settings.Provider == "postgresql")
        {
            var where = $"the PostgreSQL journal ({JournalSettings.ConnectionVariable}), persistence id {persistenceId}";
            using var db = JournalSql.PostgreSql(settings);
            DbConnection connection;
            try
            {
                connection = db.OpenDbConnection();
            }
            catch (DbException ex)
            {
                throw new ResumeException($"{where}: cannot connect ({FirstLine(ex.Message)}); check {JournalSettings.ConnectionVariable} and that the server runs");
            }

            return Walk(connection, where, persistenceId, null);
        }

        var file = Path.Combine(runDirectory, JournalSettings.SqliteFileName);
        if (!File.Exists(file))
        {
            return new JournalContents(file, 0, null); // killed before the journal started: the resume starts at round 1
        }

        using var snapshot = SqliteJournalSnapshot.Of(file);
        string? damage = null;
        try
        {
            snapshot.Open();
            damage = IntegrityProblem(snapshot.Connection);
            if (!HasJournalTable(snapshot.Connection))
            {
                // An empty file: the run was killed while Akka created it; no round was persisted.
                return new JournalContents(file, 0, damage);
            }
        }
        catch (SqliteException ex)
        {
            damage ??= $"SQLite finds the file damaged ({FirstLine(ex.Message)})";
        }

        // Even a damaged file may hold good rounds before the damage: the last of them is where a resume can go on from.
        return snapshot.Connection.State != System.Data.ConnectionState.Open ? new JournalContents(file, 0, damage) : Walk(snapshot.Connection, file, persistenceId, damage);
    }

    /// <summary>The rounds metrics.csv in <paramref name="runDirectory"/> holds whole (a line cut short by a kill does not count).</summary>
    public static int WrittenRounds(string runDirectory)
    {
        var path = Path.Combine(runDirectory, "metrics.csv");
        if (!File.Exists(path))
        {
            return 0;
        }

        var text = File.ReadAllText(path);
        var lines = text.Count(c => c == '\n');
        return Math.Max(0, lines - 1);
    }

    private static JournalContents Walk(DbConnection connection, string journal, string persistenceId, string? damage)
    {
        var rounds = 0;
        try
        {
            using var command = JournalSql.Command(connection, null,
                "SELECT sequence_number, deleted, identifier, message FROM journal WHERE persistence_id = @id ORDER BY ordering", ("@id", persistenceId));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (Problem(reader, rounds + 1) is { } problem)
                {
                    return new JournalContents(journal, rounds, problem);
                }

                rounds++;
            }
        }
        catch (DbException ex)
        {
            return new JournalContents(journal, rounds, damage ?? $"it cannot be read after round {rounds} ({FirstLine(ex.Message)})");
        }

        return new JournalContents(journal, rounds, damage);
    }

    /// <summary>What is wrong with the event in <paramref name="reader"/>'s row, which should be event <paramref name="expected"/>; null when it is sound.</summary>
    private static string? Problem(DbDataReader reader, long expected)
    {
        var sequence = reader.GetInt64(0);
        if (sequence != expected)
        {
            return sequence < expected ? $"event {sequence} comes again after event {expected - 1}" : $"event {expected} is missing (the next one is {sequence})";
        }

        if (reader.GetBoolean(1))
        {
            return $"event {sequence} is marked deleted";
        }

        var serializer = reader.IsDBNull(2) ? (long?)null : reader.GetInt64(2);
        if (serializer != RoundCheckpointSerializer.Id)
        {
            return $"event {sequence} names serializer id {serializer?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, not ActorLab's checkpoint serializer ({RoundCheckpointSerializer.Id})";
        }

        try
        {
            var checkpoint = RoundCheckpointSerializer.Decode((byte[])reader.GetValue(3));
            return checkpoint.Round == sequence ? null : $"event {sequence} holds round {checkpoint.Round}";
        }
        catch (InvalidDataException ex)
        {
            return $"event {sequence}: {ex.Message}";
        }
    }

    private static string? IntegrityProblem(SqliteConnection connection)
    {
        using var command = JournalSql.Command(connection, null, "PRAGMA quick_check");
        var result = command.ExecuteScalar() as string;
        return result == "ok" ? null : $"SQLite finds the file damaged ({FirstLine(result ?? "no answer")})";
    }

    private static bool HasJournalTable(SqliteConnection connection)
    {
        using var command = JournalSql.Command(connection, null, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
