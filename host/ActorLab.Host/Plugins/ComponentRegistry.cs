using System.Text.RegularExpressions;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins.Options;

namespace ActorLab.Host.Plugins;

/// <summary>
/// Collects the components one plugin registers. Names must be kebab-case and unique per contract,
/// across all plugins; a clash names both plugins.
/// </summary>
internal sealed partial class ComponentRegistry(string plugin, IReadOnlyDictionary<(Type, string), ComponentRegistration> existing) : IComponentRegistry
{
    private readonly List<ComponentRegistration> _added = [];

    /// <summary>What this plugin registered, in order.</summary>
    public IReadOnlyList<ComponentRegistration> Added => _added;

    /// <inheritdoc />
    public void Add<TContract>(string name, Func<ComponentOptions, TContract> factory, string? description = null)
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        Register(name, options => factory(options), description, optionsType: null);
    }

    /// <inheritdoc />
    public void Add<TContract, TOptions>(string name, Func<TOptions, TContract> factory, string? description = null)
        where TContract : class
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(factory);
        var label = $"{ComponentKinds.Of(typeof(TContract))} '{name}'";
        Register<TContract>(name, options => factory(OptionsBinder.Bind<TOptions>(options, label)), description, typeof(TOptions));
    }

    private void Register<TContract>(string name, Func<ComponentOptions, TContract> factory, string? description, Type? optionsType)
        where TContract : class
    {
        var kind = ComponentKinds.Of(typeof(TContract));
        if (string.IsNullOrEmpty(name) || !KebabCase().IsMatch(name))
        {
            throw new ComponentRegistrationException($"{kind} name '{name}' is not kebab-case (lower-case words joined by '-', e.g. \"z-loss\")");
        }

        var key = (typeof(TContract), name);
        var clash = existing.TryGetValue(key, out var other) ? other.Plugin
            : _added.Any(c => c.Contract == typeof(TContract) && c.Name == name) ? plugin : null;
        if (clash is not null)
        {
            throw new ComponentRegistrationException(clash == plugin
                ? $"registers two components named {kind} '{name}'; rename one"
                : $"registers {kind} '{name}', which plugin '{clash}' already registered; rename one or disable one plugin in the manifest");
        }

        _added.Add(new ComponentRegistration(typeof(TContract), name, plugin, description, options => factory(options), optionsType));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}

/// <summary>A registration broke the rules (name clash, bad name); reported with the plugin's name.</summary>
internal sealed class ComponentRegistrationException(string message) : Exception(message);
