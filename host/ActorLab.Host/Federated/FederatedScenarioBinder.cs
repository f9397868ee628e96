using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated;

/// <summary>Binds a validated <c>federated</c> scenario into a <see cref="FederatedScenario"/>.</summary>
public sealed class FederatedScenarioBinder : ScenarioBinder<FederatedScenarioBinder, FederatedScenario>
{
    /// <inheritdoc />
    protected override string Kind => FederatedKind.KindName;

    /// <summary>The data set's test fraction, and with bags and no loss named, the bag loss.</summary>
    protected override FederatedScenario Finish(ScenarioDocument document, FederatedScenario scenario) => scenario with
    {
        TestFraction = ScenarioBinding.TestFraction(document.Root) ?? scenario.TestFraction,
        Loss = scenario.Bags is not null && !document.Root.TryGetProperty("loss", out _) ? scenario.Loss with { Name = BagSettings.DefaultLoss } : scenario.Loss,
    };
}
