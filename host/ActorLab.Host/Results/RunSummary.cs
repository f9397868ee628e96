namespace ActorLab.Host.Results;

/// <summary>The end-of-run summary (summary.json, and stdout with --json). Status: completed, failed or cancelled.</summary>
public sealed record RunSummary(
    string RunId,
    string Scenario,
    string Kind,
    int Seed,
    string Status,
    string? Failure,
    int RoundsCompleted,
    int RoundsPlanned,
    double? FinalAccuracy,
    double? FinalTestLoss,
    double? BestAccuracy,
    double? FinalTrainLoss,
    long TrainSamples,
    double WallSeconds,
    double TrainSeconds,
    double SamplesPerSecond,
    double? SamplesPerSecondSteady,
    int Workers,
    int TorchThreads,
    string MklAmdFastpath,
    string RunDirectory)
{
    /// <summary>Privacy spent by the whole run (epsilon at the scenario's delta), when differential privacy is on.</summary>
    public double? Epsilon { get; init; }

    /// <summary>The MKL kernel path the run computed with (a resume on another path is refused).</summary>
    public Torch.MklKernelPath? MklKernels { get; init; }

    /// <summary>Injected and real faults the run met (federated runs; null for runs without them).</summary>
    public FaultSummary? Faults { get; init; }
}
