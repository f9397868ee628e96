using ActorLab.Contracts.Experiments;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Experiments;

/// <summary>An experiment run before it starts: the scenario, the experiment built from its options, and the plugins loaded.</summary>
public sealed record ExperimentPlan(ExperimentScenario Scenario, IExperiment Experiment, PluginCatalog Catalog);
