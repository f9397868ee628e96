using ActorLab.Contracts.Experiments;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Experiments;

/// <summary>A validated experiment scenario (kind "experiment"): one numerical study and its options.</summary>
public sealed record ExperimentScenario : BoundScenario
{
    /// <summary>The study.</summary>
    [ComponentAt("$.experiment")]
    public required ComponentChoice Experiment { get; init; }

    /// <inheritdoc />
    public override IEnumerable<ComponentSlot> Components() => [ComponentSlot.Of<IExperiment>(Experiment)];
}
