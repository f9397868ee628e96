using ActorLab.Contracts.Games;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.AgentTraining;

/// <summary>A validated agent-training scenario (kind "agent-training"): the trainer and where the checkpoint goes.</summary>
public sealed record AgentTrainingScenario : BoundScenario
{
    /// <summary>The agent trainer.</summary>
    [ComponentAt("$.trainer")]
    public required ComponentChoice Trainer { get; init; }

    /// <summary>Where the trained agent's checkpoint is written.</summary>
    public required string Output { get; init; }

    /// <inheritdoc />
    public override IEnumerable<ComponentSlot> Components() => [ComponentSlot.Of<IAgentTrainer>(Trainer)];
}
