using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Data;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Bandits;

/// <summary>
/// A bandit run before it starts: the scenario, the catalog its components come from and, for environments built
/// from a data set, that data set, loaded once and shared read-only by every repetition's environment.
/// </summary>
public sealed record BanditPlan(BanditScenario Scenario, PluginCatalog Catalog)
{
    // The split does not matter (the classification environment pools train and test rows); 0.2 is the usual default.
    private readonly Lazy<Dataset?> _dataset = new(() => Scenario.Dataset is { } choice
        ? Catalog.Create<IDatasetSource>(choice.Name, choice.Options).Load(new DatasetRequest(Scenario.Seed, 0.2))
        : null);

    /// <summary>Whether logged runs ask policies for propensities (<see cref="BanditSetup.PropensityRequested"/>).</summary>
    public bool PropensityRequested { get; init; }

    /// <summary>A fresh environment for one repetition (every learner builds its own; rewards are pure functions of step and arm).</summary>
    public IBanditEnvironment CreateEnvironment(int repetition, out BanditSetup setup)
    {
        var environment = Catalog.Create<IBanditEnvironment>(Scenario.Environment.Name, Scenario.Environment.Options);
        switch (environment, _dataset.Value)
        {
            case (IDatasetBanditEnvironment consumer, { } data):
                consumer.UseDataset(data);
                break;
            case (IDatasetBanditEnvironment, null):
                throw new ScenarioException(Scenario.FilePath, [new ScenarioError("$.dataset",
                    $"environment '{Scenario.Environment.Name}' is built from a data set; add \"dataset\": \"digits\" (or another classification data set)")]);
            case (_, { }):
                throw new ScenarioException(Scenario.FilePath, [new ScenarioError("$.dataset",
                    $"environment '{Scenario.Environment.Name}' does not use a data set; remove \"dataset\" or use the classification environment")]);
        }

        setup = new BanditSetup(environment.Arms, environment.ContextDimension, Scenario.Steps, Scenario.Seed, repetition)
        {
            PropensityRequested = PropensityRequested,
        };
        environment.Reset(setup);
        return environment;
    }

    /// <summary>A fresh policy (learner <paramref name="policy"/> of the scenario) for one repetition.</summary>
    public IBanditPolicy CreatePolicy(int policy, BanditSetup setup)
    {
        var choice = Scenario.Policies[policy].Component;
        var instance = Catalog.Create<IBanditPolicy>(choice.Name, choice.Options);
        instance.Reset(setup);
        return instance;
    }
}
