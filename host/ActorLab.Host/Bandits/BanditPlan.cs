using ActorLab.Contracts.Bandits;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Bandits;

/// <summary>A bandit run before it starts: the scenario and the catalog its components come from.</summary>
public sealed record BanditPlan(BanditScenario Scenario, PluginCatalog Catalog)
{
    /// <summary>A fresh environment for one repetition (every learner builds its own; rewards are pure functions of step and arm).</summary>
    public IBanditEnvironment CreateEnvironment(int repetition, out BanditSetup setup)
    {
        var environment = Catalog.Create<IBanditEnvironment>(Scenario.Environment.Name, Scenario.Environment.Options);
        setup = new BanditSetup(environment.Arms, environment.ContextDimension, Scenario.Steps, Scenario.Seed, repetition);
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
