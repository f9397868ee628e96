using ActorLab.Contracts.Experiments;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Experiments;

/// <summary>A validated experiment scenario (kind "experiment"): one numerical study and its options.</summary>
public sealed record ExperimentScenario(string FilePath, string Name, int Seed, ComponentChoice Experiment) : IScenario
{
    /// <inheritdoc />
    public IEnumerable<ComponentSlot> Components() => [ComponentSlot.Of<IExperiment>(Experiment)];
}
