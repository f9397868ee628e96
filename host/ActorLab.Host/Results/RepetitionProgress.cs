namespace ActorLab.Host.Results;

/// <summary>
/// Where the repetitions of a bandit or game run stand: how many completed, how many are running, and the last
/// checkpoint (step or round) every running one has reached, out of <paramref name="Horizon"/>.
/// </summary>
public sealed record RepetitionProgress(int Completed, int Running, long Reached, long Horizon)
{
    /// <summary>Repetitions' worth of work done: the completed ones and the running ones' share (the live bar's value).</summary>
    public double Done => Completed + (Horizon > 0 ? Running * (double)Reached / Horizon : 0);

    /// <summary>
    /// Whether this is worth a progress line after <paramref name="previous"/>: a repetition completed, or the running
    /// ones all passed another tenth of the horizon (at most about ten lines per repetition slot, however many checkpoints).
    /// </summary>
    public bool AdvancesOn(RepetitionProgress previous) =>
        Completed != previous.Completed || (Running > 0 && Tenth(Reached) > Tenth(previous.Reached));

    private long Tenth(long reached) => Horizon > 0 ? reached * 10 / Horizon : 0;
}
