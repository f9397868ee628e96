using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Training;

/// <summary>Binds a validated <c>training</c> scenario into a <see cref="TrainingScenario"/>.</summary>
public sealed class TrainingScenarioBinder : ScenarioBinder<TrainingScenarioBinder, TrainingScenario>
{
    /// <inheritdoc />
    protected override string Kind => TrainingKind.KindName;

    /// <summary>The data set's test fraction.</summary>
    protected override TrainingScenario Finish(ScenarioDocument document, TrainingScenario scenario) =>
        scenario with { TestFraction = ScenarioBinding.TestFraction(document.Root) ?? scenario.TestFraction };
}
