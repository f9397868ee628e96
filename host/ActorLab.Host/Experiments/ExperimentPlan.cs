using ActorLab.Contracts.Experiments;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Experiments;

/// <summary>An experiment run before it starts: the scenario and the experiment built from its options.</summary>
public sealed record ExperimentPlan(ExperimentScenario Scenario, IExperiment Experiment);
