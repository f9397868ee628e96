namespace ActorLab.Host.Simulation.Repetitions;

/// <summary>What one repetition of a bandit or game run reports at one of its checkpoints, to the run's supervisor.</summary>
public interface IRepetitionCheckpoint
{
    /// <summary>Which repetition.</summary>
    int Repetition { get; }

    /// <summary>The checkpoint reached (a step or a round); the horizon completes the repetition.</summary>
    long Step { get; }
}
