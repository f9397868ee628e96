using System.Text.Json;
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
public sealed record ResumeTarget(string RunId, string RunDirectory, ResumeRecord Record);

/// <summary>
/// Continues a federated run that crashed or was cancelled: finds its folder, refuses what cannot be resumed (already
/// complete, no journal, plugins changed, a strategy or client algorithm with undeclared state), rebuilds the plan from
/// the scenario copied into the folder, and runs it into the same folder and results-database row; the run supervisor
/// replays the journal, writes the persisted rounds again and goes on after the last of them.
/// </summary>
public static class ResumeLauncher
{
    /// <summary>Finds run <paramref name="runId"/> in <paramref name="runsRoot"/> (by folder, or through the database by id or prefix) and checks it can resume.</summary>
    /// <exception cref="UnknownRunException">No such run; the message points to <c>actorlab runs list</c>.</exception>
    /// <exception cref="ResumeException">The run cannot be resumed; the message says why.</exception>
    public static ResumeTarget Locate(string runId, string runsRoot, string databasePath)
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
        if (File.Exists(summary) && StatusOf(summary) == "completed")
        {
            throw new ResumeException($"run '{id}' is already complete ({summary}); nothing to resume");
        }

        var record = ResumeRecord.Read(folder) ?? throw new ResumeException(
            $"run '{id}' has no {ResumeRecord.FileName} in {folder}: only federated runs started with the journal on ({JournalSettings.ProviderVariable} not 'off') can be resumed");
        return new ResumeTarget(id, folder, record);
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
    public static async Task<RunSummary> RunAsync(ResumeTarget target, FederatedRunPlan plan, RunRequest request, IRunObserver? progress = null, CancellationToken cancellationToken = default)
    {
        var journal = JournalSettings.FromEnvironment();
        if (journal.Provider != target.Record.Journal)
        {
            throw new ResumeException($"run '{target.RunId}' was journaled with {target.Record.Journal}; set {JournalSettings.ProviderVariable}={target.Record.Journal} to resume it");
        }

        var scenario = plan.Scenario;
        using var directory = RunDirectory.Reopen(target.RunDirectory);
        var recorder = RunRecorder.Resume(request.DatabasePath,
            new RunIdentity(directory.RunId, scenario.Kind, scenario.Name, scenario.Seed, "test_accuracy", directory.Path), plan.Catalog);
        return await RunLauncher.RunInAsync(request, plan with { Checkpoints = true }, directory, recorder, journal, progress, cancellationToken, resuming: true);
    }

    /// <summary>Refuses a strategy or client algorithm whose state a resumed run would lose (<see cref="StatefulComponentCheck"/>).</summary>
    public static void CheckDeclaredState(Scenario scenario, PluginCatalog catalog)
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
