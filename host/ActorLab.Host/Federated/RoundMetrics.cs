namespace ActorLab.Host.Federated;

/// <summary>What one federated round produced; one row of metrics.csv (durations go to timings.csv).</summary>
/// <param name="Round">1-based round number.</param>
/// <param name="ClientsSampled">Clients asked to train.</param>
/// <param name="ClientsReporting">Clients whose update was aggregated (failures and NaN updates are dropped).</param>
/// <param name="TrainSamples">Samples processed in local training (shard sizes x local epochs).</param>
/// <param name="TrainLoss">Sample-weighted mean training loss of the reporting clients.</param>
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
    double RoundSeconds);
