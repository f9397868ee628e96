namespace ActorLab.Host.Scenarios;

/// <summary>A validated experiment scenario (kind "experiment"): one numerical study and its options.</summary>
public sealed record ExperimentScenario(string FilePath, string Name, int Seed, ComponentChoice Experiment);
