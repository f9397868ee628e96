using ActorLab.Contracts.Data;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated;

/// <summary>
/// A validated scenario: everything one run needs, with defaults filled in. <see cref="FederatedScenarioBinder"/>
/// builds it from a file; the resolved form is written to the run folder as <c>scenario.json</c>.
/// </summary>
public sealed record FederatedScenario(
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
