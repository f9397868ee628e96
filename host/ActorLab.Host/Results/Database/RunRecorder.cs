using System.Security.Cryptography;
using ActorLab.Host.Plugins;

namespace ActorLab.Host.Results.Database;

/// <summary>
/// Writes one run into the results database: its row and plugins when it starts, its metrics batch by batch (a round,
/// an epoch) as they complete, its end and status when it stops. Batches are written in the background, in order, so
/// that the run (and its CSV files) never wait for the database: opening the file, committing and closing it costs
/// tens of milliseconds of CPU, and batches that queue up meanwhile go in together in the next transaction. A write
/// starts at most every <see cref="WriteInterval"/> (2 s; <c>ACTORLAB_DATABASE_WRITE_INTERVAL</c>), so that a run of short rounds does not spend a share of the
/// cores its trainers use on reopening the file (20 rounds of FedAvg on Fashion-MNIST in 4 s wrote 20 times, about
/// 0.4 s of CPU); the run's end writes what is left at once. The run folder's
/// CSV files are the primary record: when the database cannot be written, the run goes on, one warning says why, and
/// this recorder stops writing.
/// </summary>
public sealed class RunRecorder
{
    private readonly ResultsDatabase _database;
    private readonly Action<string> _warn;
    private readonly Lock _gate = new();
    private List<Action<DuckDB.NET.Data.DuckDBConnection>> _pending = [];
    private Task _writer = Task.CompletedTask;
    private long _lastWrite = long.MinValue;
    private readonly CancellationTokenSource _flush = new();
    private volatile bool _broken;
    private Action<DuckDB.NET.Data.DuckDBConnection>? _replace;

    private RunRecorder(ResultsDatabase database, string runId, Action<string> warn, TimeSpan? writeInterval = null)
    {
        _database = database;
        RunId = runId;
        _warn = warn;
        WriteInterval = writeInterval ?? ParseWriteInterval(Environment.GetEnvironmentVariable(WriteIntervalVariable), warn);
    }

    /// <summary>The variable that sets <see cref="WriteInterval"/>, in seconds (0: write every batch as soon as it completes).</summary>
    public const string WriteIntervalVariable = "ACTORLAB_DATABASE_WRITE_INTERVAL";

    /// <summary>The write interval when <see cref="WriteIntervalVariable"/> is unset.</summary>
    public static readonly TimeSpan DefaultWriteInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The shortest time between two writes' starts: while the run goes on, its rows reach the database at most this
    /// late (its CSV files are written as each batch completes).
    /// </summary>
    public TimeSpan WriteInterval { get; }

    /// <summary>
    /// The interval <paramref name="value"/> (the variable's text) asks for: seconds, 0 or more. Unset gives the
    /// default; anything else gives the default and a warning that names the variable and what it expects.
    /// </summary>
    public static TimeSpan ParseWriteInterval(string? value, Action<string> warn)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultWriteInterval;
        }

        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0 && seconds <= 3600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        warn(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{WriteIntervalVariable}='{value}' is not a number of seconds from 0 to 3600; the results database is written every {DefaultWriteInterval.TotalSeconds} s"));
        return DefaultWriteInterval;
    }

    /// <summary>
    /// The run's id: its folder's name, or with "-2", "-3", ... when the database already has a run of that name (two
    /// processes started the same scenario and seed in the same second, into different run folders). Settled by the
    /// first batch, inside its transaction; later batches read it when they run.
    /// </summary>
    public string RunId { get; private set; }

    /// <summary>Records a run that starts now, with the plugins it loaded.</summary>
    /// <param name="databasePath">The database file.</param>
    /// <param name="run">The run's identity.</param>
    /// <param name="catalog">The plugins loaded for it.</param>
    /// <param name="warn">Where a database failure is reported (once).</param>
    public static RunRecorder Start(string databasePath, RunIdentity run, PluginCatalog catalog, Action<string>? warn = null) =>
        Start(databasePath, run, catalog, warn, writeInterval: null);

    /// <summary>As <see cref="Start(string, RunIdentity, PluginCatalog, Action{string}?)"/>, with the write interval given (tests).</summary>
    internal static RunRecorder Start(string databasePath, RunIdentity run, PluginCatalog catalog, Action<string>? warn, TimeSpan? writeInterval)
    {
        var recorder = new RunRecorder(new ResultsDatabase(databasePath), run.RunId, warn ?? (message => Console.Error.WriteLine($"warning: {message}")), writeInterval);
        recorder.Write([recorder.Insert(run, catalog)]);
        return recorder;
    }

    /// <summary>
    /// Records that the run in <paramref name="run"/>'s folder resumes. Nothing is written until the journal is replayed
    /// (<see cref="ReplaceRecordedRounds"/>): then its row (found by folder) goes back to running and its metric and client
    /// rows are removed, since the resumed run writes every round again from its journal; a run the database never
    /// recorded gets its row then. A resume that fails before leaves the database as it was.
    /// </summary>
    public static RunRecorder Resume(string databasePath, RunIdentity run, PluginCatalog catalog, Action<string>? warn = null)
    {
        var recorder = new RunRecorder(new ResultsDatabase(databasePath), run.RunId, warn ?? (message => Console.Error.WriteLine($"warning: {message}")));
        var directory = Path.GetFullPath(run.RunDirectory);
        string? existing;
        try
        {
            existing = recorder._database.Read(connection =>
            {
                using var command = ResultsDatabase.Command(connection, "SELECT run_id FROM runs WHERE run_directory = $1 ORDER BY started_at DESC LIMIT 1", directory);
                return command.ExecuteScalar() as string;
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            existing = null; // the insert meets the same problem and warns once
        }

        if (existing is null)
        {
            recorder._replace = recorder.Insert(run, catalog);
            return recorder;
        }

        recorder.RunId = existing;
        recorder._replace = connection =>
        {
            ResultsDatabase.Execute(connection, "DELETE FROM metrics WHERE run_id = $1", existing);
            ResultsDatabase.Execute(connection, "DELETE FROM client_metrics WHERE run_id = $1", existing);
            ResultsDatabase.Execute(connection, "UPDATE runs SET ended_at = NULL, status = 'running', failure = NULL WHERE run_id = $1", existing);
        };
        return recorder;
    }

    /// <summary>A resumed run's journal is replayed: its rows are replaced from now on (<see cref="Resume"/>); once.</summary>
    public void ReplaceRecordedRounds()
    {
        if (Interlocked.Exchange(ref _replace, null) is { } replace)
        {
            Enqueue(replace);
        }
    }

    /// <summary>The batch that inserts the run's row and plugins, marking crashed the runs whose process is gone meanwhile.</summary>
    private Action<DuckDB.NET.Data.DuckDBConnection> Insert(RunIdentity run, PluginCatalog catalog)
    {
        var plugins = catalog.Plugins.Select(p => (p.Name, p.Version, Sha256: Sha256Of(p.Path))).ToList();
        var commit = GitCommit.Of(Environment.CurrentDirectory);
        var started = DateTime.UtcNow;
        return connection =>
        {
            CrashedRuns.Mark(connection);
            RunId = FreeId(connection, run.RunId);
            ResultsDatabase.Execute(connection, "INSERT INTO runs VALUES ($1, $2, $3, $4, $5, $6, NULL, 'running', NULL, $7, $8)",
                RunId, run.Kind, run.Scenario, (long)run.Seed, commit, started, run.HeadlineMetric, Path.GetFullPath(run.RunDirectory));
            foreach (var (name, version, sha256) in plugins)
            {
                ResultsDatabase.Execute(connection, "INSERT INTO plugins VALUES ($1, $2, $3, $4)", RunId, name, version, sha256);
            }
        };
    }

    /// <summary><paramref name="id"/>, or the first of id-2, id-3, ... that no run in the database has.</summary>
    private static string FreeId(DuckDB.NET.Data.DuckDBConnection connection, string id)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? id : $"{id}-{n}";
            using var command = ResultsDatabase.Command(connection, "SELECT count(*) FROM runs WHERE run_id = $1", candidate);
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return candidate;
            }
        }
    }

    /// <summary>Queues one completed batch (a round, an epoch, or a whole curve) for writing; it is committed whole or not at all.</summary>
    public void Append(IReadOnlyList<MetricRow> metrics, IReadOnlyList<ClientMetricRow>? clients = null) => Enqueue(connection =>
    {
        using (var appender = connection.CreateAppender("metrics"))
        {
            foreach (var m in metrics.Where(m => !double.IsNaN(m.Value)))
            {
                appender.CreateRow().AppendValue(RunId).AppendValue(m.Step).AppendValue(m.Epoch).AppendValue(m.Repetition)
                    .AppendValue(m.Series).AppendValue(m.Metric).AppendValue(m.Value).EndRow();
            }
        }

        using var clientAppender = connection.CreateAppender("client_metrics");
        foreach (var (round, c) in clients ?? [])
        {
            clientAppender.CreateRow().AppendValue(RunId).AppendValue(round).AppendValue(c.ClientId).AppendValue(c.Status).AppendValue(c.Samples)
                .AppendValue(c.CompletedWork).AppendValue(c.TrainLoss).AppendValue(c.Accuracy).AppendValue(c.Reason).EndRow();
        }
    });

    /// <summary>Records the run's end (completed, failed or cancelled, and why) and waits until every batch is written.</summary>
    public void Finish(string status, string? failure)
    {
        var ended = DateTime.UtcNow;
        Enqueue(connection =>
            ResultsDatabase.Execute(connection, "UPDATE runs SET ended_at = $1, status = $2, failure = $3 WHERE run_id = $4", ended, status, failure, RunId));
        _flush.Cancel(); // no more waiting between writes
        Task writer;
        lock (_gate)
        {
            writer = _writer;
        }

        writer.Wait();
    }

    private void Enqueue(Action<DuckDB.NET.Data.DuckDBConnection> write)
    {
        lock (_gate)
        {
            _pending.Add(write);
            if (_pending.Count == 1)
            {
                // The first batch since the last drain: one more drain after the one running, if any.
                _writer = _writer.ContinueWith(_ => DrainAfterInterval(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }
        }
    }

    private async Task DrainAfterInterval()
    {
        var wait = _lastWrite == long.MinValue ? TimeSpan.Zero : WriteInterval - System.Diagnostics.Stopwatch.GetElapsedTime(_lastWrite);
        if (wait > TimeSpan.Zero && !_flush.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, _flush.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the run ended: write now
            }
        }

        _lastWrite = System.Diagnostics.Stopwatch.GetTimestamp();
        Drain();
    }

    private void Drain()
    {
        List<Action<DuckDB.NET.Data.DuckDBConnection>> batches;
        lock (_gate)
        {
            (batches, _pending) = (_pending, []);
        }

        if (batches.Count > 0)
        {
            Write(batches);
        }
    }

    private void Write(IReadOnlyList<Action<DuckDB.NET.Data.DuckDBConnection>> batches)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            _database.Write(batches);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _broken = true;
            _warn($"results database {_database.Path}: {ex.Message}; run {RunId}'s results go to its folder's CSV files only " +
                "(check that the file is writable and is a DuckDB database, or pass --database <FILE>)");
        }
    }

    private static string Sha256Of(string path) =>
        File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "";
}
