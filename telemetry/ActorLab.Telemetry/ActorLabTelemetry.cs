using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ActorLab.Telemetry;

/// <summary>
/// The one ActivitySource and the one Meter of ActorLab, both named <see cref="Name"/>, and the
/// instruments every simulation kind records to. Span names: run, round, client.fit, aggregate, evaluate. Every
/// instrument is tagged with <c>actorlab.kind</c> and <c>actorlab.scenario</c> (<see cref="RunTags(string, string)"/>).
/// </summary>
public static class ActorLabTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter.</summary>
    public const string Name = "ActorLab";

    /// <summary>The product version, stamped on spans and metrics.</summary>
    public static readonly string Version = typeof(ActorLabTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Source of every ActorLab span.</summary>
    public static readonly ActivitySource Source = new(Name, Version);

    // Work takes from a millisecond (a bandit batch) to minutes (a round of a large model): the default buckets are for milliseconds.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    };

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
        Meter.CreateHistogram<double>("actorlab.round.duration", "s", "Wall time of one round", advice: SecondsBuckets);

    /// <summary>Bandit steps played, counted per batch message (never per step: the hot path runs millions a second).</summary>
    public static readonly Counter<long> BanditSteps =
        Meter.CreateCounter<long>("actorlab.bandit.steps", "{step}", "Bandit steps played by the learners, summed over policies and repetitions");

    /// <summary>Game rounds played, counted per batch of rounds.</summary>
    public static readonly Counter<long> GameRounds =
        Meter.CreateCounter<long>("actorlab.game.rounds", "{round}", "Game rounds played by the game masters, summed over repetitions");

    /// <summary>Optimizer steps taken by the trainers (a data-parallel step counts once).</summary>
    public static readonly Counter<long> TrainerSteps =
        Meter.CreateCounter<long>("actorlab.trainer.steps", "{step}", "Optimizer steps of a training run (a data-parallel step counts once)");

    /// <summary>Wall time of one unit of work a coordinator waits for, tagged <c>actorlab.step</c>.</summary>
    public static readonly Histogram<double> StepDuration =
        Meter.CreateHistogram<double>("actorlab.step.duration", "s",
            "Wall time of one step of the protocol: a bandit batch, a game batch, a trainer step (actorlab.step names which)", advice: SecondsBuckets);

    /// <summary>Messages the coordinators send to their entities, tagged <c>actorlab.message</c>.</summary>
    public static readonly Counter<long> MessagesSent =
        Meter.CreateCounter<long>("actorlab.messages.sent", "{message}", "Work messages sent by the coordinators to their entities (actorlab.message names the kind)");

    /// <summary>
    /// Failures, tagged <c>actorlab.failure</c> with what failed: client, agent, trainer, repetition or run; and for
    /// federated runs non-finite-update, client-timeout (a fit past its call timeout), client-stopped, aggregate-timeout.
    /// </summary>
    public static readonly Counter<long> Failures =
        Meter.CreateCounter<long>("actorlab.failures", "{failure}", "Failed clients, repetitions, trainers and runs (actorlab.failure names which)");

    /// <summary>The tags every instrument of a run carries: its kind and scenario name.</summary>
    public static TagList RunTags(string kind, string scenario) => new() { { "actorlab.kind", kind }, { "actorlab.scenario", scenario } };

    /// <summary><see cref="RunTags(string, string)"/> plus one more tag.</summary>
    public static TagList RunTags(string kind, string scenario, string key, object? value) =>
        new() { { "actorlab.kind", kind }, { "actorlab.scenario", scenario }, { key, value } };
}
