using ActorLab.Host.Results;

namespace ActorLab.Host.Simulation.Repetitions;

/// <summary>The results of a run of repetitions, made from what its repetitions recorded checkpoint by checkpoint.</summary>
/// <typeparam name="TSelf">The outcome.</typeparam>
/// <typeparam name="TCheckpoint">What one repetition records at one checkpoint.</typeparam>
public interface IRepetitionOutcome<TSelf, TCheckpoint>
    where TSelf : class, IRepetitionOutcome<TSelf, TCheckpoint>
{
    /// <summary>The outcome of the repetitions <paramref name="kept"/>, each with its records up to <paramref name="reached"/>, in <paramref name="seconds"/> of wall time.</summary>
    static abstract TSelf Of(long reached, IReadOnlyList<(int Repetition, IReadOnlyList<TCheckpoint> Records)> kept, double seconds);

    /// <summary>What <paramref name="checkpoints"/> keeps (<see cref="RepetitionCheckpoints{T}.Kept"/>); null when that is nothing.</summary>
    static virtual TSelf? Kept(RepetitionCheckpoints<TCheckpoint> checkpoints, double seconds)
    {
        var (reached, kept) = checkpoints.Kept();
        return kept.Count == 0 ? null : TSelf.Of(reached, kept, seconds);
    }
}
