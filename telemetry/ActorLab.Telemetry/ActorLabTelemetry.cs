using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ActorLab.Telemetry;

/// <summary>
/// The one ActivitySource and the one Meter of ActorLab, both named <see cref="Name"/>, and the
/// instruments every simulation kind records to. Span names: run, round, client.fit, aggregate, evaluate.
/// </summary>
public static class ActorLabTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter.</summary>
    public const string Name = "ActorLab";

    /// <summary>The product version, stamped on spans and metrics.</summary>
    public static readonly string Version = typeof(ActorLabTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Source of every ActorLab span.</summary>
    public static readonly ActivitySource Source = new(Name, Version);

    /// <summary>Meter of every ActorLab metric.</summary>
    public static readonly Meter Meter = new(Name, Version);

    /// <summary>Rounds completed, by run kind.</summary>
    public static readonly Counter<long> RoundsCompleted =
        Meter.CreateCounter<long>("actorlab.rounds.completed", "{round}", "Federated rounds completed");

    /// <summary>Client updates received by servers.</summary>
    public static readonly Counter<long> ClientUpdates =
        Meter.CreateCounter<long>("actorlab.client.updates", "{update}", "Client updates received by the server");

    /// <summary>Mean training loss of the last round.</summary>
    public static readonly Gauge<double> TrainLoss =
        Meter.CreateGauge<double>("actorlab.train.loss", null, "Sample-weighted mean training loss of the clients in the last round");

    /// <summary>Test accuracy after the last round.</summary>
    public static readonly Gauge<double> TestAccuracy =
        Meter.CreateGauge<double>("actorlab.test.accuracy", null, "Test accuracy of the global model after the last round");

    /// <summary>Wall time of one round, from sampling to evaluation.</summary>
    public static readonly Histogram<double> RoundDuration =
        Meter.CreateHistogram<double>("actorlab.round.duration", "s", "Wall time of one round");
}
