using ActorLab.Host.Results;

namespace ActorLab.Host.Simulation.Repetitions;

/// <summary>What a run of repetitions hands its <see cref="RepetitionSupervisorActor{TCheckpoint, TOutcome}"/>.</summary>
/// <typeparam name="TCheckpoint">What a repetition reports at a checkpoint.</typeparam>
/// <typeparam name="TOutcome">The run's results.</typeparam>
/// <param name="Completion">Ends with the outcome, a failure or a cancellation.</param>
/// <param name="Checkpoints">Receives every repetition's checkpoints (what a stopped run keeps).</param>
/// <param name="Progress">Hears each completed repetition and each further tenth of the horizon all running repetitions have passed.</param>
/// <param name="RunId">The run's id, on the run span; null when there is none.</param>
/// <param name="Workers">The trainer threads the repetitions' players share.</param>
public sealed record RepetitionSupervision<TCheckpoint, TOutcome>(TaskCompletionSource<TOutcome> Completion, RepetitionCheckpoints<TCheckpoint> Checkpoints,
    Action<RepetitionProgress>? Progress, string? RunId, int Workers)
    where TOutcome : class;
