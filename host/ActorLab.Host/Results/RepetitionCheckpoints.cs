namespace ActorLab.Host.Results;

/// <summary>
/// What the repetitions of a bandit or game run have recorded so far, checkpoint by checkpoint: filled by the run's
/// supervisor actor as checkpoints arrive, read by the launcher, also once a cancelled or failed run's actors are gone.
/// </summary>
/// <typeparam name="T">What one repetition records at one checkpoint.</typeparam>
/// <param name="horizon">The last checkpoint (the run's steps or rounds): a repetition that records it has completed.</param>
public sealed class RepetitionCheckpoints<T>(long horizon)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, List<(long Step, T Record)>> _started = [];
    private RepetitionProgress _reported = new(0, 0, 0, horizon);

    /// <summary>Repetition <paramref name="repetition"/> has started (it has no checkpoint yet).</summary>
    public void Start(int repetition)
    {
        lock (_lock)
        {
            _started.Add(repetition, []);
        }
    }

    /// <summary>
    /// Repetition <paramref name="repetition"/> reached checkpoint <paramref name="step"/> (in order; the horizon completes
    /// it). Returns where the repetitions stand now, and whether that is worth reporting (<see cref="RepetitionProgress.AdvancesOn"/>
    /// what was last reported).
    /// </summary>
    public (RepetitionProgress Progress, bool Advanced) Record(int repetition, long step, T record)
    {
        lock (_lock)
        {
            _started[repetition].Add((step, record));
            var progress = Progress;
            if (!progress.AdvancesOn(_reported))
            {
                return (progress, false);
            }

            _reported = progress;
            return (progress, true);
        }
    }

    /// <summary>Where the repetitions stand now.</summary>
    public RepetitionProgress Progress
    {
        get
        {
            lock (_lock)
            {
                var running = _started.Values.Where(r => !Completed(r)).ToList();
                return new RepetitionProgress(_started.Count - running.Count, running.Count, running.Count == 0 ? horizon : running.Min(Last), horizon);
            }
        }
    }

    /// <summary>
    /// What the results keep: every repetition's records up to <c>Step</c>, the same checkpoints for each, so that every
    /// row of the curves averages the same repetitions. A completed run keeps everything. Otherwise the larger, in
    /// repetition-steps, of the completed repetitions (up to the horizon) and every started repetition cut at the last
    /// checkpoint they all reached; nothing when neither has a checkpoint.
    /// </summary>
    public (long Step, IReadOnlyList<(int Repetition, IReadOnlyList<T> Records)> Repetitions) Kept()
    {
        lock (_lock)
        {
            var completed = _started.Where(r => Completed(r.Value)).ToList();
            var reached = _started.Count == 0 ? 0 : _started.Values.Min(Last);
            var (step, kept) = (double)reached * _started.Count > (double)horizon * completed.Count
                ? (reached, _started.ToList())
                : (completed.Count > 0 ? horizon : 0, completed);
            return (step, step == 0 ? [] : kept.Select(r => (r.Key, (IReadOnlyList<T>)r.Value.Where(c => c.Step <= step).Select(c => c.Record).ToList())).ToList());
        }
    }

    private bool Completed(List<(long Step, T Record)> records) => records.Count > 0 && records[^1].Step == horizon;

    private static long Last(List<(long Step, T Record)> records) => records.Count > 0 ? records[^1].Step : 0;
}
