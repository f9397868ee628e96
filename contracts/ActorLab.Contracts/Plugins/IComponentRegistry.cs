namespace ActorLab.Contracts.Plugins;

/// <summary>
/// Where a plugin registers its components. A component is identified by its contract
/// (the type argument of <see cref="Add{TContract}"/>, e.g. <see cref="Losses.ILoss"/>) and its kebab-case name.
/// The factory is called once per use with the options the scenario gives for that component.
/// </summary>
public interface IComponentRegistry
{
    /// <summary>Registers a component; a name already taken for the same contract is an error the host reports.</summary>
    void Add<TContract>(string name, Func<ComponentOptions, TContract> factory, string? description = null)
        where TContract : class;
}
