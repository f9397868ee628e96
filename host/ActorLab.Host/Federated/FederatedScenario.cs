using System.Text.Json.Serialization;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated;

/// <summary>
/// A validated federated scenario: everything one run needs, with defaults filled in (the initialisers here are the
/// scenario's defaults, and the schema's). <see cref="FederatedScenarioBinder"/> builds it from a file; the resolved
/// form is written to the run folder as <c>scenario.json</c>.
/// </summary>
public sealed record FederatedScenario : BoundScenario
{
    /// <summary>The scenario's kind (federated).</summary>
    public required string Kind { get; init; }

    /// <summary>The data set the clients train on.</summary>
    [ComponentAt("$.dataset")]
    public required ComponentChoice Dataset { get; init; }

    /// <summary>Held-out share of data sets without an official test split (the data set's <c>testFraction</c>).</summary>
    [JsonIgnore]
    public double TestFraction { get; init; } = ScenarioBinding.DefaultTestFraction;

    /// <summary>How the rows are split over the clients.</summary>
    [ComponentAt("$.partitioner")]
    public ComponentChoice Partitioner { get; init; } = ComponentChoice.Named("iid", "$.partitioner");

    /// <summary>The model every client trains.</summary>
    [ComponentAt("$.model")]
    public required ComponentChoice Model { get; init; }

    /// <summary>The clients' training loss (with <see cref="Bags"/> and no loss given: <see cref="BagSettings.DefaultLoss"/>).</summary>
    [ComponentAt("$.loss")]
    public ComponentChoice Loss { get; init; } = ComponentChoice.Named("cross-entropy", "$.loss");

    /// <summary>How the server aggregates the clients' updates.</summary>
    [ComponentAt("$.strategy")]
    public ComponentChoice Strategy { get; init; } = ComponentChoice.Named("fedavg", "$.strategy");

    /// <summary>The clients' local optimizer.</summary>
    [ComponentAt("$.optimizer")]
    public ComponentChoice Optimizer { get; init; } = ComponentChoice.Named("sgd", "$.optimizer");

    /// <summary>Rounds of training.</summary>
    public required int Rounds { get; init; }

    /// <summary>The client population and sampling.</summary>
    public required ClientSettings Clients { get; init; }

    /// <summary>Each sampled client's local training.</summary>
    public TrainingSettings Training { get; init; } = new();

    /// <summary>Injected client faults (none by default).</summary>
    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>What is evaluated after each round besides the global model's test metrics.</summary>
    public EvaluationSettings Evaluation { get; init; } = new();

    /// <summary>Whether sampled clients evaluate the global model they receive on their own data.</summary>
    public bool EvaluatePerClient => Evaluation.PerClient;

    /// <summary>Client-level differential privacy, or null for none.</summary>
    public PrivacySettings? Privacy { get; init; }

    /// <summary>Learning from aggregate responses (clients know only bag means), or null for ordinary labels.</summary>
    public BagSettings? Bags { get; init; }

    /// <inheritdoc />
    public override IEnumerable<ComponentSlot> Components() =>
    [
        ComponentSlot.Of<IDatasetSource>(Dataset),
        ComponentSlot.Of<IPartitioner>(Partitioner),
        ComponentSlot.Of<IModelFactory>(Model),
        Bags is null ? ComponentSlot.Of<ILoss>(Loss) : ComponentSlot.Of<IBagLoss>(Loss),
        ComponentSlot.Of<IAggregationStrategy>(Strategy),
        ComponentSlot.Of<IOptimizerFactory>(Optimizer),
    ];
}
