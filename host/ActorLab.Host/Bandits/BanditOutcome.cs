using ActorLab.Host.Simulation.Repetitions;

namespace ActorLab.Host.Bandits;

/// <summary>
/// A bandit run's results: the repetitions kept (all of them, to the horizon, for a completed run), the checkpoint they
/// reach, and the wall time from the first repetition's start to the last one's end.
/// </summary>
public sealed record BanditOutcome(IReadOnlyList<BanditRepetition> Repetitions, long Steps, double Seconds) : IRepetitionOutcome<BanditOutcome, EnvironmentActor.CheckpointReached>
{
    /// <inheritdoc />
    public static BanditOutcome Of(long steps, IReadOnlyList<(int Repetition, IReadOnlyList<EnvironmentActor.CheckpointReached> Records)> kept, double seconds) =>
        new([.. kept.Select(r => BanditRepetition.Of(r.Repetition, r.Records))], steps, seconds);
}
