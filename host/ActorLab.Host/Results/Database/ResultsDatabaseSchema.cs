namespace ActorLab.Host.Results.Database;

/// <summary>
/// The tables of the results database. Metrics are in long form (one row per value) so that every simulation kind
/// fits the same table and a new metric needs no migration.
/// </summary>
public static class ResultsDatabaseSchema
{
    /// <summary>The file name of the database in the runs folder.</summary>
    public const string DefaultFileName = "actorlab.duckdb";

    /// <summary>Statements that create the tables when they are missing (idempotent).</summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS runs (
            run_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            scenario VARCHAR NOT NULL,
            seed BIGINT NOT NULL,
            git_commit VARCHAR,
            started_at TIMESTAMP NOT NULL,
            ended_at TIMESTAMP,
            status VARCHAR NOT NULL,
            failure VARCHAR,
            headline_metric VARCHAR NOT NULL,
            run_directory VARCHAR NOT NULL);
        CREATE TABLE IF NOT EXISTS metrics (
            run_id VARCHAR NOT NULL,
            step BIGINT NOT NULL,
            epoch INTEGER,
            repetition INTEGER,
            series VARCHAR,
            metric VARCHAR NOT NULL,
            value DOUBLE NOT NULL);
        CREATE TABLE IF NOT EXISTS client_metrics (
            run_id VARCHAR NOT NULL,
            round INTEGER NOT NULL,
            client_id INTEGER NOT NULL,
            status VARCHAR NOT NULL,
            samples BIGINT NOT NULL,
            completed_work DOUBLE NOT NULL,
            train_loss DOUBLE,
            accuracy DOUBLE,
            reason VARCHAR);
        CREATE TABLE IF NOT EXISTS plugins (
            run_id VARCHAR NOT NULL,
            plugin VARCHAR NOT NULL,
            version VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL);
        """;

    /// <summary>The tables, in the order <c>runs export</c> writes them.</summary>
    public static readonly IReadOnlyList<string> Tables = ["runs", "metrics", "client_metrics", "plugins"];

    /// <summary>The database of a runs folder when no <c>--database</c> is given.</summary>
    public static string DefaultPath(string runsRoot) => Path.Combine(runsRoot, DefaultFileName);
}
