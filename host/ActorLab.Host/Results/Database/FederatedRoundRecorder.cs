using ActorLab.Host.Federated;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Results.Database;

/// <summary>Writes each completed federated round (its metrics.csv and timings.csv columns, and its clients) to the results database.</summary>
public sealed class FederatedRoundRecorder(RunRecorder recorder) : IRunObserver
{
    /// <inheritdoc />
    public void OnRoundCompleted(RoundMetrics m)
    {
        var values = new (string Name, double? Value)[]
        {
            ("clients_sampled", m.ClientsSampled), ("clients_reporting", m.ClientsReporting), ("aggregated", m.Aggregated ? 1 : 0),
            ("train_samples", m.TrainSamples), ("train_loss", m.TrainLoss), ("test_loss", m.TestLoss), ("test_accuracy", m.TestAccuracy),
            ("client_acc_mean", m.ClientAccuracyMean), ("client_acc_p10", m.ClientAccuracyP10), ("client_acc_min", m.ClientAccuracyMin),
            ("bytes_sent", m.BytesSent), ("bytes_received", m.BytesReceived), ("epsilon", m.Epsilon), ("clip_norm", m.ClipNorm),
            ("fit_seconds", m.FitSeconds), ("round_seconds", m.RoundSeconds),
            ("non_finite_updates", m.NonFiniteUpdates), ("messages_dropped", m.MessagesDropped), ("timed_out", m.TimedOut),
            ("late_replies", m.LateReplies), ("abandoned_calls", m.AbandonedCalls),
        };
        recorder.Append(
            values.Where(v => v.Value.HasValue).Select(v => new MetricRow(m.Round, v.Name, v.Value!.Value)).ToList(),
            m.Clients.Select(c => new ClientMetricRow(m.Round, c)).ToList());
    }

    /// <inheritdoc />
    public void OnJournalReplayed(int rounds) => recorder.ReplaceRecordedRounds();

    /// <inheritdoc />
    public void OnRunCompleted()
    {
    }

    /// <inheritdoc />
    public void OnRunFailed(string reason)
    {
    }

    /// <inheritdoc />
    public void OnComponentError(string source, string detail)
    {
    }
}
