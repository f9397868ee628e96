using ActorLab.Host.Scenarios;

namespace ActorLab.Host.AgentTraining;

/// <summary>Binds a validated <c>agent-training</c> scenario into an <see cref="AgentTrainingScenario"/> (the record binds all of it).</summary>
public sealed class AgentTrainingScenarioBinder : ScenarioBinder<AgentTrainingScenarioBinder, AgentTrainingScenario>
{
    /// <inheritdoc />
    protected override string Kind => AgentTrainingKind.KindName;
}
