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

    /// <summary>
    /// Registers a component that declares its options record <typeparamref name="TOptions"/> (defaults from its
    /// initialisers, <c>[Description]</c>, <c>[Range]</c> and <c>[AllowedValues]</c> on its properties). A host that
    /// knows the type validates the scenario's options against it (type, unknown option, range) with errors naming
    /// the component and option, and describes the options (<c>actorlab plugins describe</c>, <c>actorlab schema</c>).
    /// The default implementation only binds them.
    /// </summary>
    void Add<TContract, TOptions>(string name, Func<TOptions, TContract> factory, string? description = null)
        where TContract : class
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add<TContract>(name, options => factory(options.Bind<TOptions>()), description);
    }
}
