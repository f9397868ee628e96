using System.Data.Common;
using DuckDB.NET.Data;

namespace ActorLab.Host.Results.Database;

/// <summary>Queries of the results database for <c>actorlab runs</c>: runs, their final metrics, curves, plugins, and Parquet export.</summary>
public sealed class ResultsDatabaseReader(ResultsDatabase database)
{
    private const string RunColumns = """
        WITH finals AS (SELECT run_id, series, metric, arg_max(value, step) AS value FROM metrics GROUP BY run_id, series, metric)
        SELECT r.run_id, r.kind, r.scenario, r.seed, r.git_commit, r.started_at, r.ended_at, r.status, r.failure, r.headline_metric,
               (SELECT min(f.value) FROM finals f WHERE f.run_id = r.run_id AND f.metric = r.headline_metric), r.run_directory
        FROM runs r
        """;

    /// <summary>The database read.</summary>
    public ResultsDatabase Database => database;

    /// <summary>
    /// Why the file is not a results database to read (DuckDB cannot open it, or it has no runs table), or null when
    /// it is one.
    /// </summary>
    public string? WhyNotReadable()
    {
        try
        {
            var runsTables = database.Read(c => ReadAll(c, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'runs'", r => r.GetInt64(0)))[0];
            return runsTables > 0 ? null : "a DuckDB database, but not a results database (it has no 'runs' table)";
        }
        catch (DuckDBException ex)
        {
            return $"not a results database: DuckDB cannot open it ({ex.Message.Split('\n')[0].Trim()})";
        }
    }

    /// <summary>All runs, oldest first.</summary>
    public IReadOnlyList<RunRecord> Runs() => database.Read(c => ReadAll(c, $"{RunColumns} ORDER BY r.started_at, r.run_id", ToRun));

    /// <summary>The run whose id is <paramref name="idOrPrefix"/> or, failing that, the one run whose id starts with it.</summary>
    /// <exception cref="UnknownRunException">No run, or several, match; the message lists the nearest ids.</exception>
    public RunRecord Find(string idOrPrefix)
    {
        var runs = Runs();
        var exact = runs.FirstOrDefault(r => r.RunId == idOrPrefix);
        if (exact is not null)
        {
            return exact;
        }

        var prefixed = runs.Where(r => r.RunId.StartsWith(idOrPrefix, StringComparison.Ordinal)).ToList();
        if (prefixed.Count == 1)
        {
            return prefixed[0];
        }

        var nearest = prefixed.Count > 1
            ? prefixed.Select(r => r.RunId).Take(5).ToList()
            : runs.Select(r => r.RunId).OrderBy(id => EditDistance.Between(idOrPrefix, id)).ThenBy(id => id, StringComparer.Ordinal).Take(3).ToList();
        var what = prefixed.Count > 1 ? $"'{idOrPrefix}' names {prefixed.Count} runs" : $"no run '{idOrPrefix}'";
        throw new UnknownRunException(nearest.Count == 0
            ? $"{database.Path}: {what}; the database holds no runs yet"
            : $"{database.Path}: {what}; nearest: {string.Join(", ", nearest)} (see `actorlab runs list`)");
    }

    /// <summary>The last value of every metric of a run, by series and metric name.</summary>
    public IReadOnlyList<FinalMetric> FinalMetrics(string runId) => database.Read(c => ReadAll(c,
        "SELECT series, metric, max(step), arg_max(value, step) FROM metrics WHERE run_id = $1 GROUP BY series, metric ORDER BY series NULLS FIRST, metric",
        r => new FinalMetric(r.IsDBNull(0) ? null : r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3)), runId));

    /// <summary>
    /// The curve of one metric of a run, per series: (step, value) in step order, with the epoch of training rows (an
    /// epoch other than the step marks a row at an optimizer step).
    /// </summary>
    public IReadOnlyList<(string? Series, long Step, double Value, int? Epoch)> Curve(string runId, string metric) => database.Read(c => ReadAll(c,
        "SELECT series, step, value, epoch FROM metrics WHERE run_id = $1 AND metric = $2 ORDER BY series NULLS FIRST, step",
        r => (r.IsDBNull(0) ? null : r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.IsDBNull(3) ? (int?)null : r.GetInt32(3)), runId, metric));

    /// <summary>The plugins a run loaded.</summary>
    public IReadOnlyList<PluginRecord> Plugins(string runId) => database.Read(c => ReadAll(c,
        "SELECT plugin, version, sha256 FROM plugins WHERE run_id = $1 ORDER BY plugin",
        r => new PluginRecord(r.GetString(0), r.GetString(1), r.GetString(2)), runId));

    /// <summary>Writes the run's rows of every table to <c>&lt;table&gt;.parquet</c> in <paramref name="folder"/>; returns the files.</summary>
    public IReadOnlyList<string> ExportParquet(string runId, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = ResultsDatabaseSchema.Tables.Select(t => Path.GetFullPath(Path.Combine(folder, $"{t}.parquet"))).ToList();
        database.Read(c =>
        {
            foreach (var (table, file) in ResultsDatabaseSchema.Tables.Zip(files))
            {
                // COPY takes no parameters: the id and path are quoted as SQL string literals.
                ResultsDatabase.Execute(c, $"COPY (SELECT * FROM {table} WHERE run_id = {Literal(runId)}) TO {Literal(file)} (FORMAT PARQUET)");
            }

            return files;
        });
        return files;
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''")}'";

    private static RunRecord ToRun(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetString(4),
        r.GetDateTime(5), r.IsDBNull(6) ? null : r.GetDateTime(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetString(9),
        r.IsDBNull(10) ? null : r.GetDouble(10), r.GetString(11));

    private static List<T> ReadAll<T>(DuckDBConnection connection, string sql, Func<DbDataReader, T> row, params object?[] parameters)
    {
        using var command = ResultsDatabase.Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
