using System.Text.Json;
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
    private readonly List<System.Runtime.Loader.AssemblyLoadContext> _contexts = [];

    /// <summary>The loaded plugins in manifest order.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins => _plugins;

    /// <summary>All components, keyed by (contract, name).</summary>
    internal IReadOnlyDictionary<(Type, string), ComponentRegistration> Components => _components;

    /// <summary>True when a <typeparamref name="TContract"/> named <paramref name="name"/> is registered.</summary>
    public bool Contains<TContract>(string name) => Contains(typeof(TContract), name);

    /// <summary>True when a component of <paramref name="contract"/> named <paramref name="name"/> is registered.</summary>
    public bool Contains(Type contract, string name) => _components.ContainsKey((contract, name));

    /// <summary>Names registered for <typeparamref name="TContract"/>, sorted.</summary>
    public IReadOnlyList<string> NamesOf<TContract>() => NamesOf(typeof(TContract));

    /// <summary>Names registered for <paramref name="contract"/>, sorted.</summary>
    public IReadOnlyList<string> NamesOf(Type contract) =>
        _components.Keys.Where(k => k.Item1 == contract).Select(k => k.Item2).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Creates the component; the name must have been checked with <see cref="Contains{TContract}"/>. A factory's
    /// <see cref="ArgumentException"/> (options it refuses) becomes a <see cref="ComponentOptionsException"/>.
    /// </summary>
    public TContract Create<TContract>(string name, ComponentOptions options) where TContract : class
    {
        if (!_components.TryGetValue((typeof(TContract), name), out var registration))
        {
            throw new KeyNotFoundException($"no {ComponentKinds.Of(typeof(TContract))} named '{name}' is registered; known: {string.Join(", ", NamesOf<TContract>())}");
        }

        var given = new ComponentOptions(options.Raw, options.JsonPath); // a fresh copy: did the component read it?
        var component = ComponentSetup.Checked(options.JsonPath, () => (TContract)registration.Factory(given), options);
        if (registration.OptionsType is null && !given.WasRead && options.Raw is { ValueKind: JsonValueKind.Object } raw && raw.EnumerateObject().Select(p => p.Name).FirstOrDefault() is { } unused)
        {
            // A component without an options record that never looks at its options would silently ignore them (a sweep over them would compare equal runs).
            throw new ComponentOptionsException($"{options.JsonPath}.{unused}", $"{registration.Label} takes no options and ignores '{unused}'; remove it, or pick a component that has that option (actorlab plugins describe {name})");
        }

        return component;
    }

    /// <summary>
    /// Checks the options a scenario gives a registered component against its declared options record, without
    /// building it, so that a mistake is reported before the run starts (nothing to check for undeclared options).
    /// </summary>
    public void CheckOptions<TContract>(string name, ComponentOptions options) => CheckOptions(typeof(TContract), name, options);

    /// <summary>Checks the options of a registered component of <paramref name="contract"/>, as <see cref="CheckOptions{TContract}"/>.</summary>
    public void CheckOptions(Type contract, string name, ComponentOptions options)
    {
        if (_components.TryGetValue((contract, name), out var registration) && registration.OptionsType is { } type)
        {
            OptionsBinder.Check(type, options, registration.Label);
        }
    }

    /// <summary>
    /// Unloads the plugins' collectible load contexts (reloadable catalogs): their memory is released once no
    /// component, type or delegate of theirs is referenced. The catalog is empty afterwards.
    /// </summary>
    public void Unload()
    {
        _components.Clear();
        _plugins.Clear();
        // System.Text.Json caches the metadata and accessors of the types it bound (the plugins' options records);
        // its hot-reload hook empties those caches, which would otherwise keep the contexts alive.
        typeof(System.Text.Json.JsonSerializer).Assembly.GetType("System.Text.Json.JsonSerializerOptionsUpdateHandler")
            ?.GetMethod("ClearCache", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            ?.Invoke(null, [null]);
        foreach (var context in _contexts.Where(c => c.IsCollectible))
        {
            context.Unload();
        }

        _contexts.Clear();
    }

    /// <summary>Remembers a plugin's load context, for <see cref="Unload"/>.</summary>
    internal void Track(System.Runtime.Loader.AssemblyLoadContext context) => _contexts.Add(context);

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
