using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Scenarios;

/// <summary>A component chosen in a scenario: its registered name and its options.</summary>
/// <param name="Name">The component's kebab-case name.</param>
/// <param name="Options">Its options (empty when the scenario gave none).</param>
/// <param name="JsonPath">Where the choice sits in the scenario file, for error messages.</param>
public sealed record ComponentChoice(string Name, ComponentOptions Options, string JsonPath);

/// <summary>Client population and sampling.</summary>
/// <param name="Total">Simulated clients, one actor each.</param>
/// <param name="PerRound">Clients sampled each round.</param>
public sealed record ClientSettings(int Total, int PerRound);

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
    TrainingSettings Training);
