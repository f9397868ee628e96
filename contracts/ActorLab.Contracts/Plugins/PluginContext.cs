using System.Text.Json;

namespace ActorLab.Contracts.Plugins;

/// <summary>What the host tells a plugin about where and how it was loaded.</summary>
/// <param name="Name">The plugin's name (its assembly name).</param>
/// <param name="PluginDirectory">The folder the plugin assembly was loaded from.</param>
/// <param name="ManifestDirectory">The folder of the plugins.json that listed the plugin; relative paths in <paramref name="Config"/> are relative to it.</param>
/// <param name="Config">The plugin's <c>config</c> object from plugins.json, or an empty object.</param>
public sealed record PluginContext(string Name, string PluginDirectory, string ManifestDirectory, JsonElement Config)
{
    /// <summary>Reads a string setting from <see cref="Config"/>, or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string name, string fallback) =>
        Config.ValueKind == JsonValueKind.Object && Config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : fallback;

    /// <summary>Resolves a path setting relative to the manifest's folder.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(ManifestDirectory, path));
}
