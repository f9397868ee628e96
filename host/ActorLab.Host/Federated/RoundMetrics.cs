namespace ActorLab.Host.Federated;

/// <summary>What became of one sampled client in a round (one row of clients.csv).</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Status">aggregated, dropped (dropout, straggler, non-finite update, timed out, round not aggregated), failed (threw) or stopped (after clients.maxConsecutiveFailures).</param>
/// <param name="Reason">Why it was dropped or failed; null when aggregated.</param>
/// <param name="Samples">Samples the client trained on in the round (0 when it did not answer).</param>
/// <param name="CompletedWork">Share of its local work it did (1 unless a straggler).</param>
/// <param name="TrainLoss">Its mean training loss, if it answered.</param>
/// <param name="Accuracy">Accuracy of the global model it received, on its own data, if measured.</param>
public sealed record ClientOutcome(int ClientId, string Status, string? Reason, long Samples, double CompletedWork, double? TrainLoss, double? Accuracy);

/// <summary>What one federated round produced; one row of metrics.csv (durations go to timings.csv).</summary>
/// <param name="Round">1-based round number.</param>
/// <param name="ClientsSampled">Clients asked to train.</param>
/// <param name="ClientsReporting">Clients whose update was aggregated (failures and dropped updates excluded).</param>
/// <param name="TrainSamples">Samples processed in local training by the clients that answered.</param>
/// <param name="TrainLoss">Sample-weighted mean training loss of the aggregated clients (NaN when none).</param>
/// <param name="TestLoss">Loss of the new global model on the test split.</param>
/// <param name="TestAccuracy">Accuracy of the new global model on the test split.</param>
/// <param name="FitSeconds">Wall time from sending the global model to the last client reply.</param>
/// <param name="RoundSeconds">Wall time of the whole round, evaluation included.</param>
public sealed record RoundMetrics(
    int Round,
    int ClientsSampled,
    int ClientsReporting,
    long TrainSamples,
    double TrainLoss,
    double TestLoss,
    double TestAccuracy,
    double FitSeconds,
    double RoundSeconds)
{
    /// <summary>False when the round kept the old global model (fewer than minFit updates, or a failure with acceptFailures off).</summary>
    public bool Aggregated { get; init; } = true;

    /// <summary>Bytes of parameters and strategy data the server sent to clients.</summary>
    public long BytesSent { get; init; }

    /// <summary>Bytes of parameters and strategy data clients sent back.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Mean over sampled clients of the received global model's accuracy on their own data.</summary>
    public double? ClientAccuracyMean { get; init; }

    /// <summary>10th percentile of the same (fairness).</summary>
    public double? ClientAccuracyP10 { get; init; }

    /// <summary>Worst client's accuracy.</summary>
    public double? ClientAccuracyMin { get; init; }

    /// <summary>Privacy spent so far (epsilon at the scenario's delta), when differential privacy is on.</summary>
    public double? Epsilon { get; init; }

    /// <summary>The clipping norm used this round, when differential privacy is on.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Updates excluded because a parameter or extra was NaN or infinite (injected or a diverging plugin).</summary>
    public int NonFiniteUpdates { get; init; }

    /// <summary>Fit messages and replies lost this round (faults.messageDrops).</summary>
    public int MessagesDropped { get; init; }

    /// <summary>Sampled clients dropped because they had not answered in time (round deadline or clients.callTimeoutSeconds).</summary>
    public int TimedOut { get; init; }

    /// <summary>Replies that arrived during this round but answered an earlier one (ignored); depends on timing.</summary>
    public int LateReplies { get; init; }

    /// <summary>Fits abandoned this round because they ran past clients.callTimeoutSeconds (their actor was replaced).</summary>
    public int AbandonedCalls { get; init; }

    /// <summary>Clients stopped this round after clients.maxConsecutiveFailures failures in a row.</summary>
    public IReadOnlyList<StoppedClient> StoppedClients { get; init; } = [];

    /// <summary>Every sampled client's outcome, by client id.</summary>
    public IReadOnlyList<ClientOutcome> Clients { get; init; } = [];
}

/// <summary>A client stopped by supervision after failing in consecutive rounds.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Round">The round it was stopped in.</param>
/// <param name="Failures">Its failures in a row.</param>
/// <param name="LastError">The last exception, one line.</param>
public sealed record StoppedClient(int ClientId, int Round, int Failures, string LastError);
