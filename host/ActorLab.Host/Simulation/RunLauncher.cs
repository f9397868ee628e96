using System.Diagnostics;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Host.Federated;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Resume;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Torch;

namespace ActorLab.Host.Simulation;

/// <summary>
/// One run from files to results: load plugins and scenario (all errors before any work), load and
/// partition the data, run the actors, write the run folder, and return the summary.
/// </summary>
public static class RunLauncher
{
    /// <summary>Checks the inputs and builds the plan; throws input errors (manifest, scenario, data).</summary>
    public static (FederatedScenario Scenario, FederatedRunPlan Plan) Prepare(RunRequest request, Action<string>? status = null)
    {
        TorchRuntime.Initialize();
        status?.Invoke("loading plugins");
        return Prepare(request, PluginCatalogLoader.Load(request.ManifestPath, request.AllowExternalPlugins), status);
    }

    /// <summary>Checks the scenario and builds the plan with plugins already loaded (sweeps load them once).</summary>
    public static (FederatedScenario Scenario, FederatedRunPlan Plan) Prepare(RunRequest request, PluginCatalog catalog, Action<string>? status = null)
    {
        status?.Invoke("reading scenario");
        return Prepare(FederatedScenarioBinder.Load(request.ScenarioPath), catalog, status);
    }

    /// <summary>Checks a bound scenario's components and builds the plan (loads and partitions the data).</summary>
    public static (FederatedScenario Scenario, FederatedRunPlan Plan) Prepare(FederatedScenario scenario, PluginCatalog catalog, Action<string>? status = null)
    {
        TorchRuntime.Initialize();
        ComponentCheck.Run(scenario, catalog);
        status?.Invoke($"loading {scenario.Dataset.Name} and partitioning it among {scenario.Clients.Total} clients");
        return (scenario, FederatedRunPlan.Build(scenario, catalog));
    }

    /// <summary>Runs a prepared plan, writing results as they complete, and returns the summary.</summary>
    public static async Task<RunSummary> RunAsync(RunRequest request, FederatedRunPlan plan, IRunObserver? progress = null, CancellationToken cancellationToken = default)
    {
        var kernels = TorchRuntime.Initialize().MklKernels;
        var scenario = plan.Scenario;
        var journal = request.Journal ?? new JournalSettings("off", null);
        // resume.json first: a run killed at any moment after it can be resumed (or is told to have been killed before it).
        using var directory = RunDirectory.Create(request.RunsRoot, scenario,
            folder => ResumeRecord.Write(folder, scenario.FilePath, scenario.Seed, journal.Provider, plan.Catalog, kernels));
        if (plan.Clients is IndexedClientRows indexed)
        {
            // Generated federations have no rows to count until clients train; they get no partition report.
            var partition = PartitionReport.Of(indexed.Shards, plan.Dataset.TrainLabels, plan.Dataset.Classes);
            directory.WritePartition(partition, $"{scenario.Name}: {scenario.Partitioner.Name} split of {scenario.Dataset.Name}");
        }

        var recorder = RunRecorder.Start(request.DatabasePath,
            new RunIdentity(directory.RunId, scenario.Kind, scenario.Name, scenario.Seed, "test_accuracy", directory.Path), plan.Catalog);
        return await RunInAsync(request, plan with { Checkpoints = journal.Enabled }, directory, recorder, journal, progress, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="plan"/> into an open run folder and database row: a new run, or one that resumes from its
    /// journal (<see cref="ResumeLauncher"/>; its summary counts <paramref name="priorWallSeconds"/> spent before). Writes
    /// the summary and records the end; a resume whose journal was never replayed writes nothing and throws instead.
    /// </summary>
    /// <exception cref="ResumeException">Resuming, the journal's replay failed.</exception>
    /// <exception cref="OperationCanceledException">Resuming, cancelled before the journal's replay.</exception>
    internal static async Task<RunSummary> RunInAsync(RunRequest request, FederatedRunPlan plan, RunDirectory directory, RunRecorder recorder,
        JournalSettings journal, IRunObserver? progress, CancellationToken cancellationToken, bool resuming = false, double priorWallSeconds = 0)
    {
        var torchInfo = TorchRuntime.Initialize();
        var scenario = plan.Scenario;
        var rounds = new FederatedRoundRecorder(recorder);
        var observer = progress is null ? new CompletionObserver(directory, rounds) : new CompletionObserver(directory, rounds, progress);
        var clock = Stopwatch.StartNew();
        string? failure = null;
        var cancelled = false;
        try
        {
            var options = new SimulationOptions(request.Workers)
            {
                RunId = directory.RunId,
                TracedClientsPerRound = request.TracedClientsPerRound,
                Journal = journal.Enabled ? new RunJournal(journal, directory.Path, resuming) : null,
                Cluster = request.Cluster,
            };
            var prepare = request.Cluster is null ? null : new Cluster.PrepareRun(directory.RunId, Path.GetFileName(request.ScenarioPath),
                File.ReadAllText(request.ScenarioPath), Cluster.PluginFingerprints.Of(request.ManifestPath), torchInfo.MklKernels);
            TestFaultPoints.Reached(TestFaultPoints.Start);
            await SimulationRunner.RunAsync(plan, options, observer, cancellationToken, prepare);
        }
        catch (RunFailedException ex)
        {
            failure = ex.Message;
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
            failure = "cancelled by the user";
        }

        if (resuming && !directory.IsOpen)
        {
            // The journal was never replayed, so the folder and the database keep what they had.
            throw cancelled
                ? new OperationCanceledException($"cancelled before the journal was replayed; {directory.Path} and the results database are as they were")
                : new ResumeException($"run '{directory.RunId}' did not resume: {failure}; nothing was changed in {directory.Path} or the results database");
        }

        TestFaultPoints.Reached(TestFaultPoints.End);
        var summary = Summarise(directory, scenario, failure, priorWallSeconds + clock.Elapsed.TotalSeconds, request.Workers, torchInfo)
            with { Status = cancelled ? RunStatus.Cancelled : failure is null ? RunStatus.Completed : RunStatus.Failed };
        directory.WriteSummary(summary);
        recorder.Finish(summary.Status, failure);
        return summary;
    }

    private static RunSummary Summarise(RunDirectory directory, FederatedScenario scenario, string? failure, double wallSeconds, int workers, TorchRuntimeInfo torchInfo)
    {
        var rounds = directory.Rounds;
        var samples = rounds.Sum(r => r.TrainSamples);
        var fitSeconds = rounds.Sum(r => r.FitSeconds);
        var steady = rounds.Skip(1).ToList();
        var last = rounds.Count > 0 ? rounds[^1] : null;
        double? steadyRate = steady.Count > 0 ? steady.Sum(r => r.TrainSamples) / steady.Sum(r => r.FitSeconds) : null;
        return new RunSummary(
            RunId: directory.RunId,
            Scenario: scenario.Name,
            Kind: scenario.Kind,
            Seed: scenario.Seed,
            Status: "",
            Failure: failure,
            RoundsCompleted: rounds.Count,
            RoundsPlanned: scenario.Rounds,
            FinalAccuracy: last?.TestAccuracy,
            FinalTestLoss: last?.TestLoss,
            BestAccuracy: rounds.Count > 0 ? rounds.Max(r => r.TestAccuracy) : null,
            FinalTrainLoss: last?.TrainLoss,
            TrainSamples: samples,
            WallSeconds: wallSeconds,
            TrainSeconds: fitSeconds,
            SamplesPerSecond: fitSeconds > 0 ? samples / fitSeconds : 0,
            SamplesPerSecondSteady: steadyRate,
            Workers: workers,
            TorchThreads: torchInfo.IntraOpThreads,
            MklAmdFastpath: torchInfo.MklAmdFastpath,
            RunDirectory: directory.Path)
        {
            Epsilon = last?.Epsilon,
            MklKernels = torchInfo.MklKernels,
            Faults = FaultSummary.Of(rounds),
        };
    }
}
