namespace ActorLab.Host.Games;

/// <summary>
/// How the agents of one repeated game meet every round without a message per round: each publishes its strategy
/// into a shared buffer and waits at a barrier until all have; then every agent reads all strategies and computes its
/// own feedback. Buffers alternate by round parity, so one barrier per round suffices: nobody can overwrite round
/// t's buffer (at round t + 2) before everyone has passed round t + 1's barrier, i.e. finished reading round t. An
/// agent that fails cancels the exchange, so the others stop waiting and fail too instead of hanging.
/// </summary>
public sealed class RoundExchange : IDisposable
{
    private readonly double[][][] _buffers;
    private readonly int _players;
    private int _remaining;
    private volatile int _sense;
    private volatile bool _abandoned;

    /// <summary>An exchange for players with <paramref name="actions"/> actions each.</summary>
    public RoundExchange(IReadOnlyList<int> actions, int jointSize)
    {
        _buffers = [.. Enumerable.Range(0, 2).Select(_ => actions.Select(n => new double[n]).ToArray())];
        _players = actions.Count;
        _remaining = _players;
        JointCounts = new long[jointSize];
    }

    /// <summary>How often each joint action was sampled (written by player 0 only, read between batches).</summary>
    public long[] JointCounts { get; }

    /// <summary>Publishes <paramref name="player"/>'s strategy for <paramref name="round"/>, waits for everyone's, and returns them.</summary>
    public double[][] Exchange(long round, int player, double[] strategy)
    {
        var buffer = _buffers[round & 1];
        strategy.CopyTo(buffer[player], 0);
        Arrive();
        return buffer;
    }

    /// <summary>Releases the other players with an error: this one cannot continue.</summary>
    public void Abandon() => _abandoned = true;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>
    /// A sense-reversing spin barrier. System.Threading.Barrier blocks on an event after a short spin, and waking a
    /// blocked thread costs microseconds, more than a round of most agents; here waiting threads spin and yield
    /// (never sleep), which is right because every player has a thread of its own.
    /// </summary>
    private void Arrive()
    {
        var sense = _sense;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _players;
            _sense = sense ^ 1; // releases the others; the volatile write orders the reset before it
            return;
        }

        var spin = default(SpinWait);
        while (_sense == sense)
        {
            if (_abandoned)
            {
                throw new OperationCanceledException("another player of this game failed");
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
