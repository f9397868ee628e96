using DuckDB.NET.Data;
using Polly;
using Polly.Retry;

namespace ActorLab.Host.Results.Database;

/// <summary>
/// The results database file (DuckDB). DuckDB lets one process at a time open a file, so every batch opens the file,
/// writes in one transaction and closes it again; a process that finds the file locked by another waits and retries
/// (exponential backoff with jitter), so concurrent runs interleave their batches and lose nothing.
/// </summary>
public sealed class ResultsDatabase
{
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DuckDBException>(IsBusy),
            MaxRetryAttempts = 200,
            Delay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    /// <summary>Opens (lazily) the database at <paramref name="path"/>.</summary>
    public ResultsDatabase(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Runs <paramref name="writes"/> in one transaction on a connection opened for them (tables created if missing).</summary>
    public void Write(IReadOnlyList<Action<DuckDBConnection>> writes) => Retry.Execute(() =>
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, ResultsDatabaseSchema.Create);
        foreach (var write in writes)
        {
            write(connection);
        }

        transaction.Commit();
    });

    /// <summary>Runs <paramref name="read"/> on a connection opened for it.</summary>
    public T Read<T>(Func<DuckDBConnection, T> read) => Retry.Execute(() =>
    {
        using var connection = Open();
        return read(connection);
    });

    /// <summary>Runs a statement without results.</summary>
    public static void Execute(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    /// <summary>A command with positional parameters (<c>$1</c>, <c>$2</c>, ...).</summary>
    public static DuckDBCommand Command(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        }

        return command;
    }

    private DuckDBConnection Open()
    {
        var connection = new DuckDBConnection($"Data Source={Path}");
        connection.Open();
        return connection;
    }

    /// <summary>Another process holds the file, or another connection of this one committed a conflicting change first.</summary>
    private static bool IsBusy(DuckDBException ex) =>
        ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("conflict", StringComparison.OrdinalIgnoreCase);
}
