using ActorLab.Contracts.Games;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.AgentTraining;

/// <summary>A validated agent-training scenario (kind "agent-training"): the trainer and where the checkpoint goes.</summary>
public sealed record AgentTrainingScenario(string FilePath, string Name, int Seed, ComponentChoice Trainer, string Output) : IScenario
{
    /// <inheritdoc />
    public IEnumerable<ComponentSlot> Components() => [ComponentSlot.Of<IAgentTrainer>(Trainer)];
}
