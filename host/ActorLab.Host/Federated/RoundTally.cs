using ActorLab.Contracts.Federated;

namespace ActorLab.Host.Federated;

/// <summary>
/// What the server has heard in the current round: each sampled client's outcome, the updates to aggregate, traffic
/// and samples; and the round's <see cref="RoundMetrics"/> made from them. Bookkeeping only, no actor: the server
/// records into it as replies, failures and timeouts arrive and <see cref="Start"/>s it afresh each round.
/// </summary>
public sealed class RoundTally
{
    private readonly List<ClientUpdate> _updates = [];
    private readonly Dictionary<int, ClientOutcome> _outcomes = [];
    private int _realFailures;

    /// <summary>The round (1-based; 0 before the first).</summary>
    public int Round { get; private set; }

    /// <summary>The clients asked to train, sorted.</summary>
    public IReadOnlyList<int> Sampled { get; private set; } = [];

    /// <summary>Updates kept for aggregation so far.</summary>
    public int Updates => _updates.Count;

    /// <summary>Sampled clients that failed or were dropped (every outcome but aggregated).</summary>
    public int Failures => _outcomes.Values.Count(o => o.Status != "aggregated");

    /// <summary>Samples processed in local training by the clients that answered.</summary>
    public long SamplesProcessed { get; private set; }

    /// <summary>Bytes of parameters and strategy data sent to clients.</summary>
    public long BytesSent { get; private set; }

    /// <summary>Bytes of parameters and strategy data clients sent back.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Clears everything for <paramref name="round"/>, whose clients are <paramref name="sampled"/>.</summary>
    public void Start(int round, IReadOnlyList<int> sampled)
    {
        Round = round;
        Sampled = sampled;
        _updates.Clear();
        _outcomes.Clear();
        _realFailures = 0;
        SamplesProcessed = 0;
        BytesSent = 0;
        BytesReceived = 0;
    }

    /// <summary>A fit was sent (or lost on the way) with this many bytes.</summary>
    public void Sent(long bytes) => BytesSent += bytes;

    /// <summary>A client was not asked, was dropped or timed out: its outcome, with no update.</summary>
    public void Dropped(int client, string status, string reason) => _outcomes[client] = new ClientOutcome(client, status, reason, 0, 0, null, null);

    /// <summary>A client's fit threw; real (not injected) failures count towards "every sampled client failed".</summary>
    public void Failed(int client, string reason, bool injected)
    {
        _realFailures += injected ? 0 : 1;
        Dropped(client, "failed", reason);
    }

    /// <summary>A client's reply in this round: aggregated unless <paramref name="dropReason"/> says why not.</summary>
    public void Received(ClientUpdate update, long samplesProcessed, string? dropReason)
    {
        SamplesProcessed += samplesProcessed;
        BytesReceived += 4L * (update.Parameters.Length + (update.Extras?.Length ?? 0));
        if (dropReason is null)
        {
            _updates.Add(update);
        }

        _outcomes[update.ClientId] = new ClientOutcome(update.ClientId, dropReason is null ? "aggregated" : "dropped", dropReason,
            samplesProcessed, update.CompletedWork, update.TrainLoss, update.InitialAccuracy);
    }

    /// <summary>The updates to aggregate, in client-id order (strategies must not depend on arrival order).</summary>
    public List<ClientUpdate> OrderedUpdates() => _updates.OrderBy(u => u.ClientId).ToList();

    /// <summary>Outcomes with a reason (dropped, failed, stopped), by client id.</summary>
    public IEnumerable<ClientOutcome> NotAggregated() => _outcomes.Values.Where(o => o.Reason is not null).OrderBy(o => o.ClientId);

    /// <summary>
    /// Why the run cannot go on when every sampled client threw a real exception and none sent an update; null otherwise.
    /// </summary>
    public string? EveryClientFailed() => _updates.Count == 0 && _realFailures == Sampled.Count
        ? $"round {Round}: no sampled client reported an update ({string.Join("; ", _outcomes.Values.OrderBy(o => o.ClientId).Select(o => $"client {o.ClientId}: {o.Reason}"))})"
        : null;

    /// <summary>The round kept the old global model: the clients whose updates were kept are dropped, with the reason.</summary>
    public void NotAggregatedRound(string skipped)
    {
        foreach (var update in _updates)
        {
            _outcomes[update.ClientId] = _outcomes[update.ClientId] with { Status = "dropped", Reason = $"round not aggregated: {skipped}" };
        }
    }

    /// <summary>The round's metrics.csv row (and clients.csv rows).</summary>
    /// <param name="aggregated">Whether the strategy's aggregate became the global model.</param>
    /// <param name="test">The new global model on the test split.</param>
    /// <param name="fitSeconds">Wall time from sending the model to the last reply.</param>
    /// <param name="roundSeconds">Wall time of the whole round.</param>
    /// <param name="epsilon">Privacy spent so far, when differential privacy is on.</param>
    /// <param name="clipNorm">The clipping norm reported for the round, when differential privacy is on.</param>
    /// <param name="watch">The round's counts of non-finite updates, lost messages, late replies, abandoned calls and stops.</param>
    public RoundMetrics Metrics(bool aggregated, ModelScore test, double fitSeconds, double roundSeconds, double? epsilon, double? clipNorm, ClientWatch.RoundCounts watch)
    {
        var kept = OrderedUpdates();
        var weight = kept.Sum(u => (double)u.SampleCount);
        var trainLoss = weight > 0 ? kept.Sum(u => u.TrainLoss * u.SampleCount) / weight : double.NaN;
        var accuracies = _outcomes.Values.Where(o => o.Accuracy.HasValue).Select(o => o.Accuracy!.Value).Order().ToArray();
        return new RoundMetrics(Round, Sampled.Count, aggregated ? kept.Count : 0, SamplesProcessed, trainLoss, test.Loss,
            test.Accuracy, fitSeconds, roundSeconds)
        {
            Aggregated = aggregated,
            BytesSent = BytesSent,
            BytesReceived = BytesReceived,
            ClientAccuracyMean = accuracies.Length > 0 ? accuracies.Average() : null,
            ClientAccuracyP10 = accuracies.Length > 0 ? Percentile(accuracies, 0.1) : null,
            ClientAccuracyMin = accuracies.Length > 0 ? accuracies[0] : null,
            Epsilon = epsilon,
            ClipNorm = clipNorm,
            Clients = _outcomes.Values.OrderBy(o => o.ClientId).ToList(),
            NonFiniteUpdates = watch.NonFinite,
            MessagesDropped = watch.MessagesDropped,
            TimedOut = _outcomes.Values.Count(o => o.Reason?.StartsWith("timed out", StringComparison.Ordinal) == true),
            LateReplies = watch.LateReplies,
            AbandonedCalls = watch.Abandoned,
            StoppedClients = watch.Stopped.ToList(),
        };
    }

    /// <summary>Linear-interpolation percentile of sorted values (numpy's default).</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
