using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;

namespace ActorLab.Host.Resume;

/// <summary>
/// Where a federated run's journal lives: by default an embedded SQLite file, <c>journal.db</c> in the run folder
/// (journal and snapshot tables of Akka.Persistence.Sql); or PostgreSQL, or off. Read from the environment, so that
/// no connection string (which may hold a password) is ever written to the run folder:
/// <c>ACTORLAB_JOURNAL</c> = <c>sqlite</c> (default), <c>postgresql</c> or <c>off</c>, and for PostgreSQL
/// <c>ACTORLAB_JOURNAL_CONNECTION</c> = an Npgsql connection string.
/// </summary>
/// <param name="Provider">sqlite, postgresql or off.</param>
/// <param name="ConnectionString">PostgreSQL's connection string; null for SQLite (the run folder's file).</param>
public sealed record JournalSettings(string Provider, string? ConnectionString)
{
    /// <summary>The variable that selects the provider.</summary>
    public const string ProviderVariable = "ACTORLAB_JOURNAL";

    /// <summary>The variable that holds PostgreSQL's connection string.</summary>
    public const string ConnectionVariable = "ACTORLAB_JOURNAL_CONNECTION";

    /// <summary>The SQLite journal's file name in the run folder.</summary>
    public const string SqliteFileName = "journal.db";

    /// <summary>True unless the journal is off.</summary>
    public bool Enabled => Provider != "off";

    /// <summary>The settings the environment asks for.</summary>
    /// <exception cref="ResumeException">An unknown provider, or PostgreSQL without a connection string.</exception>
    public static JournalSettings FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(ProviderVariable);
        var provider = (string.IsNullOrWhiteSpace(value) ? "sqlite" : value).Trim().ToLowerInvariant();
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        return provider switch
        {
            "sqlite" or "off" => new JournalSettings(provider, null),
            "postgresql" when !string.IsNullOrWhiteSpace(connection) => new JournalSettings(provider, connection),
            "postgresql" => throw new ResumeException($"{ProviderVariable}=postgresql needs {ConnectionVariable} (an Npgsql connection string, e.g. Host=localhost;Database=actorlab;Username=actorlab;Password=...)"),
            _ => throw new ResumeException($"{ProviderVariable}='{value}': expected sqlite (default), postgresql or off"),
        };
    }

    /// <summary>The persistence id of a run's journal (unique per run folder name).</summary>
    public static string PersistenceId(string runId) => $"actorlab-federated/{runId}";

    /// <summary>Adds Akka.Persistence.Sql for the run in <paramref name="runDirectory"/>, and the checkpoint serializer.</summary>
    public void Configure(AkkaConfigurationBuilder akka, string runDirectory)
    {
        var (connection, provider) = Provider == "postgresql"
            ? (ConnectionString!, ProviderName.PostgreSQL15)
            : ($"Data Source={Path.Combine(Path.GetFullPath(runDirectory), SqliteFileName)}", ProviderName.SQLiteMS);
        akka.WithSqlPersistence(connection, provider, PersistenceMode.Both, autoInitialize: true)
            .WithCustomSerializer("actorlab-checkpoint", [typeof(RoundCheckpoint)], system => new RoundCheckpointSerializer(system));
    }
}
