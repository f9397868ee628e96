using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Federated;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Results;

/// <summary>
/// The folder of one run, <c>runs/&lt;run-id&gt;/</c>: <c>scenario.json</c> (the resolved scenario, defaults
/// filled in), <c>metrics.csv</c> (one row per round, written and flushed as each round completes, and
/// byte-identical for the same scenario and seed), <c>timings.csv</c> (wall times, which vary),
/// <c>clients.csv</c> (each sampled client's outcome per round: aggregated, dropped or failed, and why),
/// <c>partition.csv</c> and <c>partition.png</c> (each client's rows by label), <c>accuracy.png</c> and <c>loss.png</c>
/// (by round), <c>summary.json</c> and, when a component threw, <c>errors.log</c> with the full exceptions; while a
/// process writes the folder, <c>run.lock</c> names it (<see cref="RunFolderLock"/>).
/// </summary>
public sealed class RunDirectory : IRunObserver, IDisposable
{
    /// <summary>Header of metrics.csv.</summary>
    public const string MetricsHeader =
        "round,clients_sampled,clients_reporting,aggregated,train_samples,train_loss,test_loss,test_accuracy,client_acc_mean,client_acc_p10,client_acc_min,bytes_sent,bytes_received,epsilon,clip_norm,non_finite_updates,messages_dropped,timed_out";

    /// <summary>Header of clients.csv.</summary>
    public const string ClientsHeader = "round,client,status,samples,completed_work,train_loss,accuracy,reason";

    private readonly List<RoundMetrics> _rounds = [];
    private readonly RunFolderLock? _lock;
    private StreamWriter? _metrics;
    private StreamWriter? _timings;
    private StreamWriter? _clients;

    private RunDirectory(string id, string path, RunFolderLock? folderLock)
    {
        RunId = id;
        Path = path;
        _lock = folderLock;
    }

    /// <summary>The run's id (the folder's name).</summary>
    public string RunId { get; }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Rounds written so far.</summary>
    public IReadOnlyList<RoundMetrics> Rounds => _rounds;

    /// <summary>
    /// True once the result files are open for writing: at once for a new run; for a resumed run only once its journal is
    /// replayed (<see cref="OnJournalReplayed"/>), so that a resume that fails before leaves the folder as it was.
    /// </summary>
    public bool IsOpen => _metrics is not null;

    /// <summary>
    /// Creates <c>&lt;root&gt;/&lt;run-id&gt;/</c>, takes its lock (<see cref="RunFolderLock"/>, released by
    /// <see cref="Dispose"/>), lets <paramref name="first"/> write what must exist before anything else (a federated
    /// run's resume.json: a run killed at any later moment can be resumed), then writes the resolved scenario.
    /// </summary>
    public static RunDirectory Create(string root, FederatedScenario scenario, Action<string>? first = null)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var baseId = RunFolderName.Of(stamp, scenario.Name, scenario.Seed);
        for (var n = 1; ; n++)
        {
            var id = n == 1 ? baseId : $"{baseId}-{n}";
            var path = System.IO.Path.Combine(root, id);
            if (Directory.Exists(path))
            {
                continue;
            }

            Directory.CreateDirectory(path);
            RunFolderLock folderLock;
            try
            {
                folderLock = RunFolderLock.Acquire(path, "run");
            }
            catch (RunFolderLockedException)
            {
                continue; // another process started the same scenario and seed in the same second and took this folder
            }

            try
            {
                first?.Invoke(path);
                File.WriteAllText(System.IO.Path.Combine(path, "scenario.json"), ResolvedScenarioJson(scenario) + "\n");
                var directory = new RunDirectory(id, path, folderLock);
                directory.Open();
                return directory;
            }
            catch
            {
                folderLock.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// The folder of a run that resumes. Its files stay as they are until the journal is replayed; then metrics.csv,
    /// timings.csv and clients.csv start again empty (the journal's rounds are written again before new ones, so each round
    /// appears once). The caller holds the folder's lock.
    /// </summary>
    public static RunDirectory Reopen(string path) => new(System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(path)), path, null);

    /// <inheritdoc />
    public void OnJournalReplayed(int rounds) => Open();

    /// <inheritdoc />
    public void OnRoundCompleted(RoundMetrics m)
    {
        Open();
        _rounds.Add(m);
        _metrics.WriteLine(string.Join(',', m.Round, m.ClientsSampled, m.ClientsReporting, m.Aggregated ? 1 : 0, m.TrainSamples,
            F(m.TrainLoss), F(m.TestLoss), F(m.TestAccuracy), F(m.ClientAccuracyMean), F(m.ClientAccuracyP10), F(m.ClientAccuracyMin),
            m.BytesSent, m.BytesReceived, F(m.Epsilon), F(m.ClipNorm), m.NonFiniteUpdates, m.MessagesDropped, m.TimedOut));
        _metrics.Flush();
        foreach (var c in m.Clients)
        {
            _clients.WriteLine(string.Join(',', m.Round, c.ClientId, c.Status, c.Samples, F(c.CompletedWork), F(c.TrainLoss), F(c.Accuracy), Csv(c.Reason)));
        }

        _clients.Flush();
        _timings.WriteLine(string.Join(',', m.Round, F(m.FitSeconds), F(m.RoundSeconds), m.LateReplies, m.AbandonedCalls));
        _timings.Flush();
    }

    /// <inheritdoc />
    public void OnRunCompleted()
    {
    }

    /// <inheritdoc />
    public void OnRunFailed(string reason)
    {
    }

    /// <inheritdoc />
    public void OnComponentError(string source, string detail) =>
        File.AppendAllText(ErrorLogPath, Secrets.SecretRedaction.RedactText($"[{source}] {detail}\n\n"));

    /// <summary>Where full exceptions of failing components go (the console shows one line each).</summary>
    public string ErrorLogPath => System.IO.Path.Combine(Path, "errors.log");

    /// <summary>Writes summary.json and the plots of the rounds completed.</summary>
    public void WriteSummary(RunSummary summary)
    {
        Open();
        File.WriteAllText(System.IO.Path.Combine(Path, "summary.json"), JsonSerializer.Serialize(summary, ResultsJson.Options) + "\n");
        if (_rounds.Count > 0)
        {
            if (_rounds.Any(r => !double.IsNaN(r.TestAccuracy)))
            {
                Plot(() => RunPlots.Accuracy(_rounds, $"{summary.Scenario}: accuracy", System.IO.Path.Combine(Path, "accuracy.png")));
            }

            Plot(() => RunPlots.Loss(_rounds, $"{summary.Scenario}: loss", System.IO.Path.Combine(Path, "loss.png")));
            var last = _rounds[^1];
            var accuracies = last.Clients.Select(c => c.Accuracy).OfType<double>().Where(double.IsFinite).ToArray();
            if (accuracies.Length > 1)
            {
                Plot(() => RunPlots.ClientAccuracy(accuracies, $"{summary.Scenario}: per-client accuracy, round {last.Round}", System.IO.Path.Combine(Path, "clients.png")));
            }
        }

        RunReport.Write(Path, $"{summary.Scenario} (federated, seed {summary.Seed}): {summary.Status}");
    }

    /// <summary>
    /// Draws one picture. Pictures are a convenience on top of the CSV files, so a machine where drawing fails
    /// (no usable font, say) still gets its results; the reason goes to errors.log.
    /// </summary>
    private void Plot(Action draw)
    {
        try
        {
            draw();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            OnComponentError("plots", ex.ToString());
        }
    }

    /// <summary>Writes partition.csv and partition.png.</summary>
    public void WritePartition(PartitionReport report, string title)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, "partition.csv"), report.ToCsv());
        Plot(() => RunPlots.Partition(report, title, System.IO.Path.Combine(Path, "partition.png")));
    }

    /// <summary>Serialises a summary as the CLI prints it with --json.</summary>
    public static string ToJson(RunSummary summary) => JsonSerializer.Serialize(summary, ResultsJson.Options);

    /// <inheritdoc />
    public void Dispose()
    {
        _metrics?.Dispose();
        _timings?.Dispose();
        _clients?.Dispose();
        _lock?.Dispose();
    }

    /// <summary>Starts metrics.csv, timings.csv and clients.csv (empty but for their headers), once.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_metrics), nameof(_timings), nameof(_clients))]
    private void Open()
    {
        if (_metrics is not null && _timings is not null && _clients is not null)
        {
            return;
        }

        _metrics = new StreamWriter(System.IO.Path.Combine(Path, "metrics.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" };
        _timings = new StreamWriter(System.IO.Path.Combine(Path, "timings.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" };
        _clients = new StreamWriter(System.IO.Path.Combine(Path, "clients.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" };
        _metrics.WriteLine(MetricsHeader);
        _clients.WriteLine(ClientsHeader);
        // Late replies depend on timing, so they sit with the wall times, not in metrics.csv.
        _timings.WriteLine("round,fit_seconds,round_seconds,late_replies,abandoned_calls");
        _metrics.Flush();
        _timings.Flush();
        _clients.Flush();
    }

    /// <summary>Round-trip formatting, culture-independent, so equal numbers give equal bytes.</summary>
    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string F(double? value) => value.HasValue ? F(value.Value) : "";

    /// <summary>Quotes a free-text field (RFC 4180) when it holds a comma or a quote.</summary>
    private static string Csv(string? text) =>
        text is null ? "" : text.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;

    /// <summary>The resolved scenario as scenario.json holds it (secrets redacted).</summary>
    internal static string ResolvedScenarioJson(FederatedScenario s)
    {
        static object Component(ComponentChoice c) => new { name = c.Name, options = c.Options.Raw };
        var resolved = new
        {
            name = s.Name,
            kind = s.Kind,
            seed = s.Seed,
            dataset = new { name = s.Dataset.Name, testFraction = s.TestFraction, options = s.Dataset.Options.Raw },
            partitioner = Component(s.Partitioner),
            model = Component(s.Model),
            loss = Component(s.Loss),
            strategy = Component(s.Strategy),
            optimizer = Component(s.Optimizer),
            rounds = s.Rounds,
            clients = new
            {
                total = s.Clients.Total, perRound = s.Clients.PerRound, minFit = s.Clients.MinFit, acceptFailures = s.Clients.AcceptFailures, timeoutSeconds = s.Clients.TimeoutSeconds,
                callTimeoutSeconds = s.Clients.CallTimeoutSeconds, maxConsecutiveFailures = s.Clients.MaxConsecutiveFailures,
            },
            training = new { localEpochs = s.Training.LocalEpochs, batchSize = s.Training.BatchSize, learningRate = s.Training.LearningRate },
            faults = new
            {
                stragglers = s.Faults.Stragglers,
                dropout = s.Faults.Dropout,
                crash = s.Faults.Crash,
                byzantine = new { fraction = s.Faults.Byzantine.Fraction, attack = s.Faults.Byzantine.Attack, scale = s.Faults.Byzantine.Scale },
                deadline = s.Faults.Deadline,
                nanUpdates = s.Faults.NanUpdates,
                infUpdates = s.Faults.InfUpdates,
                slowClients = s.Faults.SlowClients is { } slow ? new { probability = slow.Probability, delayMs = slow.DelayMilliseconds } : null,
                messageDrops = s.Faults.MessageDrops,
                messageDelays = s.Faults.MessageDelays is { } delays ? new { probability = delays.Probability, delayMs = delays.DelayMilliseconds } : null,
            },
            evaluation = new { perClient = s.EvaluatePerClient },
            privacy = s.Privacy,
            bags = s.Bags,
            source = s.FilePath,
        };
        return Secrets.SecretRedaction.RedactJson(JsonSerializer.Serialize(resolved, ResultsJson.Options)); // options may carry keys
    }
}
