using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Policy;

/// <summary>Binds a validated <c>policy</c> scenario into a <see cref="PolicyScenario"/>.</summary>
public sealed class PolicyScenarioBinder : ScenarioBinder<PolicyScenarioBinder, PolicyScenario>
{
    /// <inheritdoc />
    protected override string Kind => PolicyKind.KindName;
}
