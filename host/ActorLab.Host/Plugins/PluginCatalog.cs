using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins.Options;

namespace ActorLab.Host.Plugins;

/// <summary>
/// Every component of every loaded plugin, by contract and name. The simulations create their
/// components here from the names and options the scenario gives.
/// </summary>
public sealed class PluginCatalog
{
    private readonly Dictionary<(Type, string), ComponentRegistration> _components = [];
    private readonly List<LoadedPlugin> _plugins = [];

    /// <summary>The loaded plugins in manifest order.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins => _plugins;

    /// <summary>All components, keyed by (contract, name).</summary>
    internal IReadOnlyDictionary<(Type, string), ComponentRegistration> Components => _components;

    /// <summary>True when a <typeparamref name="TContract"/> named <paramref name="name"/> is registered.</summary>
    public bool Contains<TContract>(string name) => _components.ContainsKey((typeof(TContract), name));

    /// <summary>Names registered for <typeparamref name="TContract"/>, sorted.</summary>
    public IReadOnlyList<string> NamesOf<TContract>() =>
        _components.Keys.Where(k => k.Item1 == typeof(TContract)).Select(k => k.Item2).Order(StringComparer.Ordinal).ToList();

    /// <summary>Creates the component; the name must have been checked with <see cref="Contains{TContract}"/>.</summary>
    public TContract Create<TContract>(string name, ComponentOptions options) where TContract : class
    {
        if (!_components.TryGetValue((typeof(TContract), name), out var registration))
        {
            throw new KeyNotFoundException($"no {ComponentKinds.Of(typeof(TContract))} named '{name}' is registered; known: {string.Join(", ", NamesOf<TContract>())}");
        }

        return (TContract)registration.Factory(options);
    }

    /// <summary>
    /// Checks the options a scenario gives a registered component against its declared options record, without
    /// building it, so that a mistake is reported before the run starts (nothing to check for undeclared options).
    /// </summary>
    public void CheckOptions<TContract>(string name, ComponentOptions options)
    {
        if (_components.TryGetValue((typeof(TContract), name), out var registration) && registration.OptionsType is { } type)
        {
            OptionsBinder.Check(type, options, registration.Label);
        }
    }

    /// <summary>Adds a plugin's registrations (they were checked for clashes against this catalog).</summary>
    internal void Add(LoadedPlugin plugin)
    {
        foreach (var component in plugin.Components)
        {
            _components.Add((component.Contract, component.Name), component);
        }

        _plugins.Add(plugin);
    }
}
