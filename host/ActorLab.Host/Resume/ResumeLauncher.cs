using System.Text.Json;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Contracts.Federated;
using ActorLab.Host.Federated;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Torch;

namespace ActorLab.Host.Resume;

/// <summary>What <c>actorlab resume</c> continues: the run's folder and id, and its resume record.</summary>
/// <param name="RunId">The run's id (its folder's name).</param>
/// <param name="RunDirectory">Its folder.</param>
/// <param name="Record">Its resume.json.</param>
public sealed record ResumeTarget(string RunId, string RunDirectory, ResumeRecord Record) : IDisposable
{
    /// <summary>The folder's lock, held from <see cref="ResumeLauncher.Locate"/> until the resume ends.</summary>
    public RunFolderLock? Lock { get; init; }

    /// <summary>Wall seconds the run spent in the processes before this one (killed, cancelled or failed parts).</summary>
    public double PriorWallSeconds { get; init; }

    /// <summary>The journal as checked before anything was changed.</summary>
    public JournalContents? Journal { get; init; }

    /// <summary>Releases the lock of a resume that did not run: the folder is left as it was found.</summary>
    public void Dispose() => Lock?.Release(restorePrevious: true);
}

/// <summary>
/// Continues a federated run that crashed or was cancelled: finds its folder, takes its lock (one process at a time),
/// refuses what cannot be resumed (already complete, killed before its first checkpoint, journal off, scenario edited,
/// journal damaged, plugins changed, a strategy or client algorithm with undeclared state), all before changing any
/// file; rebuilds the plan from the scenario copied into the folder, and runs it into the same folder and
/// results-database row; the run supervisor replays the journal, and only then are the persisted rounds written again
/// and the run goes on after the last of them.
/// </summary>
public static class ResumeLauncher
{
    /// <summary>
    /// Finds run <paramref name="runId"/> in <paramref name="runsRoot"/> (by folder, or through the database by id or
    /// prefix), takes its lock and checks it can resume; with <paramref name="fromRound"/>, first drops the journal's
    /// events after that round (<see cref="JournalRewind"/>). Dispose the target if it is not run.
    /// </summary>
    /// <exception cref="UnknownRunException">No such run; the message points to <c>actorlab runs list</c>.</exception>
    /// <exception cref="RunFolderLockedException">Another live process runs or resumes it.</exception>
    /// <exception cref="ResumeException">The run cannot be resumed; the message says why and what to do.</exception>
    public static ResumeTarget Locate(string runId, string runsRoot, string databasePath, int? fromRound = null)
    {
        var folder = Path.Combine(runsRoot, runId);
        if (!Directory.Exists(folder))
        {
            folder = File.Exists(databasePath)
                ? new ResultsDatabaseReader(new ResultsDatabase(databasePath)).Find(runId).RunDirectory
                : throw new UnknownRunException($"no run '{runId}' in {Path.GetFullPath(runsRoot)} (see `actorlab runs list`, or pass --output <DIR> with the runs folder)");
        }

        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var summary = Path.Combine(folder, "summary.json");
        if (File.Exists(summary) && StatusOf(summary) == RunStatus.Completed)
        {
            throw new ResumeException($"run '{id}' is already complete ({summary}); nothing to resume");
        }

        CrashedRuns.Mark(databasePath); // before this process holds the lock: a killed run's row is marked crashed
        var folderLock = RunFolderLock.Acquire(folder, "resume");
        try
        {
            var record = ResumeRecord.Read(folder) ?? throw NoRecord(id, folder, folderLock);
            var journal = JournalSettings.FromEnvironment();
            if (record.Journal == "off")
            {
                throw new ResumeException($"run '{id}' ran with its journal off ({JournalSettings.ProviderVariable}=off, or as a distributed run): there is nothing to resume from; " +
                    $"its results so far stay in {folder}; start it again with: actorlab run {record.ScenarioSource}");
            }

            if (journal.Provider != record.Journal)
            {
                throw new ResumeException($"run '{id}' was journaled with {record.Journal}; set {JournalSettings.ProviderVariable}={record.Journal} to resume it");
            }

            ScenarioChange.Check(id, folder, record);
            var prior = PriorWallSeconds(folder, folderLock.Previous);
            var contents = CheckJournal(id, folder, journal, fromRound);
            folderLock.RecordPriorWall(prior);
            return new ResumeTarget(id, folder, record) { Lock = folderLock, PriorWallSeconds = prior, Journal = contents };
        }
        catch
        {
            folderLock.Release(restorePrevious: true);
            throw;
        }
    }

    /// <summary>Loads the plugins and the scenario copy and checks them against the run; returns the plan to run.</summary>
    /// <exception cref="ResumeException">The plugins differ from the run's, or a component keeps undeclared state.</exception>
    public static FederatedRunPlan Prepare(ResumeTarget target, string manifestPath, Action<string>? status = null)
    {
        var kernels = TorchRuntime.Initialize().MklKernels;
        if (target.Record.MklKernels?.Mismatch(kernels) is { } mismatch)
        {
            throw new ResumeException($"run '{target.RunId}' cannot resume in this process: {mismatch}");
        }

        status?.Invoke("loading plugins");
        var catalog = PluginCatalogLoader.Load(manifestPath);
        var differences = target.Record.PluginDifferences(ResumeRecord.PinsOf(catalog));
        if (differences.Count > 0)
        {
            throw new ResumeException($"run '{target.RunId}' cannot resume with {manifestPath}: {string.Join("; ", differences)}. " +
                "Resume with the plugins the run started with (the same plugins.json and assemblies), or start a new run.");
        }

        var scenarioCopy = Path.Combine(target.RunDirectory, ResumeRecord.ScenarioCopy);
        var (scenario, plan) = RunLauncher.Prepare(new RunRequest(scenarioCopy, manifestPath, Path.GetDirectoryName(target.RunDirectory)!, 1), catalog, status);
        CheckDeclaredState(scenario, catalog);
        return plan;
    }

    /// <summary>Runs the rest of the run; returns the summary of the whole run.</summary>
    /// <exception cref="ResumeException">The journal's replay failed: nothing was changed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the journal's replay: nothing was changed.</exception>
    public static async Task<RunSummary> RunAsync(ResumeTarget target, FederatedRunPlan plan, RunRequest request, IRunObserver? progress = null, CancellationToken cancellationToken = default)
    {
        var journal = JournalSettings.FromEnvironment();
        var scenario = plan.Scenario;
        using var directory = RunDirectory.Reopen(target.RunDirectory);
        try
        {
            var recorder = RunRecorder.Resume(request.DatabasePath,
                new RunIdentity(directory.RunId, scenario.Kind, scenario.Name, scenario.Seed, "test_accuracy", directory.Path), plan.Catalog);
            return await RunLauncher.RunInAsync(request, plan with { Checkpoints = true }, directory, recorder, journal, progress, cancellationToken,
                resuming: true, priorWallSeconds: target.PriorWallSeconds);
        }
        finally
        {
            // A resume that never replayed its journal changed nothing: the killed run's lock goes back (it is still crashed).
            target.Lock?.Release(restorePrevious: !directory.IsOpen);
        }
    }

    /// <summary>Refuses a strategy or client algorithm whose state a resumed run would lose (<see cref="StatefulComponentCheck"/>).</summary>
    public static void CheckDeclaredState(FederatedScenario scenario, PluginCatalog catalog)
    {
        var strategy = catalog.Create<IAggregationStrategy>(scenario.Strategy.Name, scenario.Strategy.Options);
        var components = new List<(string What, object Component)> { ($"strategy '{scenario.Strategy.Name}'", strategy) };
        if (strategy is IClientAwareStrategy clientAware)
        {
            components.Add(($"strategy '{scenario.Strategy.Name}''s client algorithm", clientAware.CreateClientAlgorithm()));
        }

        foreach (var (what, component) in components)
        {
            var fields = StatefulComponentCheck.UndeclaredState(component);
            (component as IDisposable)?.Dispose();
            if (fields.Count > 0)
            {
                throw new ResumeException($"{what} ({component.GetType().FullName}) keeps state across rounds ({string.Join(", ", fields)}) " +
                    $"but does not implement ActorLab.Contracts.State.IStatefulComponent, so a resumed run would lose it: implement SaveState/LoadState in the plugin (an empty state if those fields are per-round scratch), or start a new run");
            }
        }
    }

    /// <summary>
    /// Checks the journal before anything is changed (<see cref="JournalCheck"/>): it must hold every round metrics.csv
    /// already has, whole. With <paramref name="fromRound"/>, keeps its events up to that round instead.
    /// </summary>
    private static JournalContents CheckJournal(string id, string folder, JournalSettings journal, int? fromRound)
    {
        var persistenceId = JournalSettings.PersistenceId(id);
        var contents = JournalCheck.Read(journal, folder, persistenceId);
        if (fromRound is { } from)
        {
            if (from > contents.Rounds)
            {
                throw new ResumeException($"run '{id}': --from-round {from} is after the last good round of its journal {contents.Journal} " +
                    $"({contents.Rounds}{(contents.Problem is null ? "" : $"; after it {contents.Problem}")}): pass --from-round {contents.Rounds} or less");
            }

            if (from == contents.Rounds && contents.Problem is null)
            {
                return contents;
            }

            var kept = JournalRewind.KeepRounds(journal, folder, persistenceId, from);
            var rewound = JournalCheck.Read(journal, folder, persistenceId);
            return rewound.Problem is null && rewound.Rounds == from ? rewound : throw new ResumeException(
                $"run '{id}': its journal {contents.Journal} could not be rebuilt from {RoundsUpTo(from)} ({rewound.Problem ?? $"it holds {rewound.Rounds}"}); the old journal is {kept ?? "unchanged"}; start the run anew");
        }

        var written = JournalCheck.WrittenRounds(folder);
        var problem = contents.Problem ?? (written > contents.Rounds ? $"it holds {contents.Rounds} round(s) but metrics.csv already has {written}: events were lost" : null);
        if (problem is null)
        {
            return contents;
        }

        var rerun = contents.Rounds > 0
            ? $"To go on after its last good round: actorlab resume {id} --from-round {contents.Rounds} (the journal is rebuilt from {RoundsUpTo(contents.Rounds)}, the old file kept beside it, and the rounds after it are trained again); or start anew: "
            : "Start anew: ";
        var files = new[] { "metrics.csv", "clients.csv", "summary.json" }.Where(f => File.Exists(Path.Combine(folder, f))).ToList();
        throw new ResumeException($"run '{id}' cannot resume: its journal {contents.Journal} is damaged: {problem}. " +
            $"Nothing was changed: {string.Join(", ", files)}{(files.Count > 0 ? " and " : "")}the results database keep what they hold ({written} round(s)). " +
            $"{rerun}actorlab run {Path.Combine(folder, ResumeRecord.ScenarioCopy)}");
    }

    /// <summary>
    /// The wall time spent on the run before this process: a killed process's part ran from when it took the lock to the
    /// last file it wrote (plus what came before it, which its lock records); a cancelled or failed one wrote it in summary.json.
    /// </summary>
    private static double PriorWallSeconds(string folder, RunLockOwner? killed)
    {
        if (killed is not null)
        {
            return killed.PriorWallSeconds + Math.Max(0, ((RunFolderLock.LastActivityUtc(folder) ?? killed.LockedAt) - killed.LockedAt).TotalSeconds);
        }

        var summary = Path.Combine(folder, "summary.json");
        try
        {
            using var document = JsonDocument.Parse(File.Exists(summary) ? File.ReadAllText(summary) : "{}");
            return document.RootElement.TryGetProperty("wallSeconds", out var wall) && wall.TryGetDouble(out var seconds) ? seconds : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Why a folder without resume.json cannot resume. A federated run writes it first, so a folder whose process was
    /// killed (it left its lock) was killed before its first checkpoint: nothing was trained, and the folder, which holds
    /// no results, is removed (it would only confuse).
    /// </summary>
    private static ResumeException NoRecord(string id, string folder, RunFolderLock folderLock)
    {
        var resolved = Path.Combine(folder, "scenario.json");
        string? kind = null, source = null;
        try
        {
            using var document = JsonDocument.Parse(File.Exists(resolved) ? File.ReadAllText(resolved) : "{}");
            kind = document.RootElement.TryGetProperty("kind", out var k) ? k.GetString() : null;
            source = document.RootElement.TryGetProperty("source", out var s) ? s.GetString() : null;
        }
        catch (JsonException)
        {
            // cut short by the kill
        }

        if (kind is not null and not "federated")
        {
            return new ResumeException($"run '{id}' is a {kind} run: only federated runs can be resumed ({folder} has no {ResumeRecord.FileName})");
        }

        var again = $"start it again: actorlab run {source ?? "<scenario>"}";
        if (folderLock.Previous is null || JournalCheck.WrittenRounds(folder) > 0 || File.Exists(Path.Combine(folder, "summary.json")))
        {
            return new ResumeException($"run '{id}' has no {ResumeRecord.FileName} in {folder}: only federated runs started with the journal on can be resumed " +
                $"(this one is not, or was started by an older actorlab); its files stay as they are; {again}");
        }

        folderLock.Release(restorePrevious: false);
        Directory.Delete(folder, recursive: true);
        return new ResumeException($"run '{id}' was killed before its first checkpoint (it had not written {ResumeRecord.FileName} yet): no round was trained, " +
            $"so there is nothing to resume, and its folder, which held no results, was removed; {again}");
    }

    private static string RoundsUpTo(int round) => round == 1 ? "round 1" : $"rounds 1-{round}";

    private static string? StatusOf(string summaryPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(summaryPath));
            return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null;
        }
        catch (JsonException)
        {
            return null; // a summary cut short by the crash: not complete
        }
    }
}
