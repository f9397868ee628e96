using ActorLab.Contracts.Data;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;
using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Scenarios;

/// <summary>A component chosen in a scenario: its registered name and its options.</summary>
/// <param name="Name">The component's kebab-case name.</param>
/// <param name="Options">Its options (empty when the scenario gave none).</param>
/// <param name="JsonPath">Where the choice sits in the scenario file, for error messages.</param>
public sealed record ComponentChoice(string Name, ComponentOptions Options, string JsonPath)
{
    /// <summary>Where a mistake in how the component is set up is pointed at: its options when the scenario gives any, else its name.</summary>
    public string SetupPath => Options.Raw.ValueKind == System.Text.Json.JsonValueKind.Object && Options.Raw.EnumerateObject().Any() ? Options.JsonPath : JsonPath;
}

/// <summary>Client population and sampling.</summary>
/// <param name="Total">Simulated clients, one actor each.</param>
/// <param name="PerRound">Clients sampled each round.</param>
/// <param name="MinFit">Fewest updates a round needs to be aggregated.</param>
/// <param name="AcceptFailures">When false, a round with any failed or dropped client is not aggregated.</param>
public sealed record ClientSettings(int Total, int PerRound, int MinFit = 1, bool AcceptFailures = true)
{
    /// <summary>Wall-clock limit on waiting for a round's clients (a hung plugin), or null for none.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>Wall-clock limit on one plugin call: a client's fit (from when it starts) and the strategy's aggregate.</summary>
    public double CallTimeoutSeconds { get; init; } = 300;

    /// <summary>A client whose fit throws in this many of its rounds in a row is stopped for the rest of the run.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;
}

/// <summary>Byzantine clients: a fixed share of all clients that attack whenever sampled.</summary>
/// <param name="Fraction">Share of all clients.</param>
/// <param name="Attack">sign-flip, scaled-noise or label-flip.</param>
/// <param name="Scale">Attack strength.</param>
public sealed record ByzantineSettings(double Fraction = 0, string Attack = "sign-flip", double Scale = 10);

/// <summary>Client-level differential privacy (see <see cref="Federated.Privacy.ClientLevelPrivacy"/>).</summary>
/// <param name="NoiseMultiplier">z: noise standard deviation / clipping norm.</param>
/// <param name="ClipNorm">C, or the starting C with adaptive clipping.</param>
/// <param name="Clipping">fixed or adaptive.</param>
/// <param name="Delta">The delta epsilon is reported at.</param>
/// <param name="TargetQuantile">Adaptive clipping's target share of unclipped clients.</param>
/// <param name="ClipLearningRate">Adaptive clipping's step eta.</param>
public sealed record PrivacySettings(double NoiseMultiplier, double ClipNorm = 1.0, string Clipping = "fixed", double Delta = 1e-5,
    double TargetQuantile = 0.5, double ClipLearningRate = 0.2);

/// <summary>Learning from aggregate responses: bag size and optional Laplace privacy of the bag responses.</summary>
/// <param name="Size">Rows per bag.</param>
/// <param name="Epsilon">Privacy of the bag responses, or null for exact means.</param>
/// <param name="ResponseBound">Responses are clipped to [-bound, bound] when private.</param>
public sealed record BagSettings(int Size, double? Epsilon = null, double ResponseBound = 10);

/// <summary>A round deadline with per-client speeds (see the scenario schema's faults.deadline).</summary>
/// <param name="Seconds">The deadline in simulated seconds.</param>
/// <param name="SamplesPerSecond">Throughput of a client with speed factor 1.</param>
/// <param name="SpeedSigma">Standard deviation of the log speed factors.</param>
public sealed record DeadlineSettings(double Seconds, double SamplesPerSecond = 1000, double SpeedSigma = 1);

/// <summary>Clients that misbehave; all draws are seeded.</summary>
/// <param name="Stragglers">Share of each round's sampled clients that do only part of their work.</param>
/// <param name="Dropout">Probability a sampled client does not answer.</param>
/// <param name="Crash">Probability a sampled client's actor throws.</param>
/// <param name="Byzantine">Attackers.</param>
public sealed record FaultSettings(double Stragglers, double Dropout, double Crash, ByzantineSettings Byzantine)
{
    /// <summary>No faults.</summary>
    public static FaultSettings None { get; } = new(0, 0, 0, new ByzantineSettings());

    /// <summary>Learning from aggregate responses: bag size and optional Laplace privacy of the bag responses.</summary>
/// <param name="Size">Rows per bag.</param>
/// <param name="Epsilon">Privacy of the bag responses, or null for exact means.</param>
/// <param name="ResponseBound">Responses are clipped to [-bound, bound] when private.</param>
public sealed record BagSettings(int Size, double? Epsilon = null, double ResponseBound = 10);

/// <summary>A round deadline with per-client speeds, or null for none.</summary>
    public DeadlineSettings? Deadline { get; init; }

    /// <summary>Probability a sampled client's update has a few coordinates set to NaN (see <see cref="Federated.Faults.InjectedFaults"/>).</summary>
    public double NanUpdates { get; init; }

    /// <summary>Probability a sampled client's update has a few coordinates set to +Inf or -Inf.</summary>
    public double InfUpdates { get; init; }

    /// <summary>Clients that hold their trainer thread for a wall-clock delay before answering, or null for none.</summary>
    public DelaySettings? SlowClients { get; init; }

    /// <summary>Probability that one message of a sampled client's exchange (the fit or its reply) is lost.</summary>
    public double MessageDrops { get; init; }

    /// <summary>Replies that arrive after a wall-clock delay (the trainer thread is free meanwhile), or null for none.</summary>
    public DelaySettings? MessageDelays { get; init; }

    /// <summary>Distributed runs: worker nodes that kill themselves (SIGKILL) when a round starts.</summary>
    public IReadOnlyList<NodeKill> NodeKills { get; init; } = [];
}

/// <summary>An injected node crash: worker <paramref name="Worker"/> (0-based, workers ordered by address) dies as round <paramref name="Round"/> starts.</summary>
/// <param name="Round">The 1-based round during which the node dies.</param>
/// <param name="Worker">Which worker, by index in address order.</param>
public sealed record NodeKill(int Round, int Worker);

/// <summary>A wall-clock delay injected with some probability per sampled client and round.</summary>
/// <param name="Probability">Chance per sampled client and round.</param>
/// <param name="DelayMilliseconds">The delay.</param>
public sealed record DelaySettings(double Probability, int DelayMilliseconds);

/// <summary>Local training on each client.</summary>
/// <param name="LocalEpochs">Passes over the client's shard per round.</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="LearningRate">Optimizer step size.</param>
public sealed record TrainingSettings(int LocalEpochs = 1, int BatchSize = 32, double LearningRate = 0.05);

/// <summary>
/// A validated scenario: everything one run needs, with defaults filled in. <see cref="ScenarioLoader"/>
/// builds it from a file; the resolved form is written to the run folder as <c>scenario.json</c>.
/// </summary>
public sealed record Scenario(
    string FilePath,
    string Name,
    string Kind,
    int Seed,
    ComponentChoice Dataset,
    double TestFraction,
    ComponentChoice Partitioner,
    ComponentChoice Model,
    ComponentChoice Loss,
    ComponentChoice Strategy,
    ComponentChoice Optimizer,
    int Rounds,
    ClientSettings Clients,
    TrainingSettings Training) : IScenario
{
    /// <summary>Injected client faults (none by default).</summary>
    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>Whether sampled clients evaluate the global model they receive on their own data.</summary>
    public bool EvaluatePerClient { get; init; } = true;

    /// <summary>Client-level differential privacy, or null for none.</summary>
    public PrivacySettings? Privacy { get; init; }

    /// <summary>Learning from aggregate responses (clients know only bag means), or null for ordinary labels.</summary>
    public BagSettings? Bags { get; init; }

    /// <inheritdoc />
    public IEnumerable<ComponentSlot> Components() =>
    [
        ComponentSlot.Of<IDatasetSource>(Dataset),
        ComponentSlot.Of<IPartitioner>(Partitioner),
        ComponentSlot.Of<IModelFactory>(Model),
        Bags is null ? ComponentSlot.Of<ILoss>(Loss) : ComponentSlot.Of<IBagLoss>(Loss),
        ComponentSlot.Of<IAggregationStrategy>(Strategy),
        ComponentSlot.Of<IOptimizerFactory>(Optimizer),
    ];
}
