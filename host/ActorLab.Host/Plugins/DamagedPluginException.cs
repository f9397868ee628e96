using System.Reflection;

namespace ActorLab.Host.Plugins;

/// <summary>The host could not read a plugin's types (its options record's attributes, say): the plugin's file is damaged. See <see cref="DamagedPluginCode"/>.</summary>
public sealed class DamagedPluginException(Assembly assembly, Exception inner) : Exception($"plugin '{assembly.GetName().Name}' is damaged: {inner.Message}", inner)
{
    /// <summary>The plugin's assembly.</summary>
    public Assembly Assembly { get; } = assembly;
}
