using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Experiments;

/// <summary>Binds a validated <c>experiment</c> scenario into an <see cref="ExperimentScenario"/> (the record binds all of it).</summary>
public sealed class ExperimentScenarioBinder : ScenarioBinder<ExperimentScenarioBinder, ExperimentScenario>
{
    /// <inheritdoc />
    protected override string Kind => ExperimentKind.KindName;
}
