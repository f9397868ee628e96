using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Bandits;

/// <summary>Binds a validated <c>bandit</c> scenario into a <see cref="BanditScenario"/>.</summary>
public sealed class BanditScenarioBinder : ScenarioBinder<BanditScenarioBinder, BanditScenario>
{
    /// <inheritdoc />
    protected override string Kind => BanditKind.KindName;

    /// <summary>The policies, each labelled.</summary>
    protected override BanditScenario Finish(ScenarioDocument document, BanditScenario scenario) => scenario with
    {
        Policies = ScenarioBinding.Labelled(document.FilePath, document.Root, "policies").Select(p => new BanditPolicyChoice(p.Label, p.Component)).ToList(),
    };
}
