namespace ActorLab.Host.Bandits;

/// <summary>
/// One repetition's results up to a checkpoint (the horizon, unless the run stopped early): every policy's curve
/// points, by policy then step, and each policy's arm pulls at that checkpoint.
/// </summary>
public sealed record BanditRepetition(int Repetition, IReadOnlyList<RegretPoint> Points, long[][] Pulls)
{
    /// <summary>The repetition's checkpoints, in order, as one record.</summary>
    public static BanditRepetition Of(int repetition, IReadOnlyList<EnvironmentActor.CheckpointReached> checkpoints) =>
        new(repetition, checkpoints.SelectMany(c => c.Points).OrderBy(p => p.Policy).ThenBy(p => p.Step).ToList(), checkpoints[^1].Pulls);
}
