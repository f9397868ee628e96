using Microsoft.Data.Sqlite;

namespace ActorLab.Host.Resume;

/// <summary>
/// A read of a run's SQLite journal that changes nothing: the file opened read-only, or, when a killed process left an
/// unfinished transaction behind (a hot <c>-journal</c> or a <c>-wal</c> file, which SQLite must roll back or apply
/// before it can read), a copy of the file and its companions in a temporary folder, read there.
/// </summary>
public sealed class SqliteJournalSnapshot : IDisposable
{
    /// <summary>The companion files SQLite may keep next to a database.</summary>
    public static readonly IReadOnlyList<string> Companions = ["-journal", "-wal", "-shm"];

    private readonly string? _copyFolder;

    private SqliteJournalSnapshot(SqliteConnection connection, string? copyFolder)
    {
        Connection = connection;
        _copyFolder = copyFolder;
    }

    /// <summary>The connection (not open yet: <see cref="Open"/>).</summary>
    public SqliteConnection Connection { get; }

    /// <summary>A snapshot of the journal <paramref name="file"/>.</summary>
    public static SqliteJournalSnapshot Of(string file)
    {
        if (!Companions.Any(c => File.Exists(file + c)))
        {
            return new SqliteJournalSnapshot(Connect(file, SqliteOpenMode.ReadOnly), null);
        }

        var folder = Directory.CreateTempSubdirectory("actorlab-journal-").FullName;
        var copy = Path.Combine(folder, Path.GetFileName(file));
        foreach (var suffix in Companions.Prepend("").Where(c => File.Exists(file + c)))
        {
            File.Copy(file + suffix, copy + suffix);
        }

        return new SqliteJournalSnapshot(Connect(copy, SqliteOpenMode.ReadWrite), folder);
    }

    /// <summary>Opens the connection.</summary>
    /// <exception cref="SqliteException">The file is not an SQLite database, or is damaged past opening.</exception>
    public void Open() => Connection.Open();

    /// <inheritdoc />
    public void Dispose()
    {
        Connection.Dispose();
        if (_copyFolder is not null)
        {
            Directory.Delete(_copyFolder, recursive: true);
        }
    }

    private static SqliteConnection Connect(string file, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
}
