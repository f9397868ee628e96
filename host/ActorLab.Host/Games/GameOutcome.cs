using ActorLab.Host.Simulation.Repetitions;

namespace ActorLab.Host.Games;

/// <summary>
/// A game run's results: the repetitions kept (all of them, to the horizon, for a completed run), the checkpoint they
/// reach, and the wall time of the actor part.
/// </summary>
public sealed record GameOutcome(IReadOnlyList<GameRepetition> Repetitions, long Rounds, double Seconds) : IRepetitionOutcome<GameOutcome, GameMasterActor.CheckpointReached>
{
    /// <inheritdoc />
    public static GameOutcome Of(long rounds, IReadOnlyList<(int Repetition, IReadOnlyList<GameMasterActor.CheckpointReached> Records)> kept, double seconds) =>
        new([.. kept.Select(r => GameRepetition.Of(r.Repetition, r.Records))], rounds, seconds);
}
