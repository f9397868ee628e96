using System.Text.Json;

namespace ActorLab.Host.Plugins;

/// <summary>A parsed plugins.json: which plugin assemblies to load, with what configuration.</summary>
/// <param name="FilePath">The manifest file as the user named it (used in error messages).</param>
/// <param name="Directory">The manifest's folder; plugin paths are relative to it.</param>
/// <param name="Plugins">The entries in file order.</param>
public sealed record PluginManifest(string FilePath, string Directory, IReadOnlyList<PluginManifestEntry> Plugins);

/// <summary>One entry of plugins.json.</summary>
/// <param name="Index">Position in the <c>plugins</c> array (for the JSON path in errors).</param>
/// <param name="Path">The assembly path as written (relative to the manifest).</param>
/// <param name="FullPath">The resolved absolute path.</param>
/// <param name="Sha256">Expected SHA-256 of the assembly file (hex), if pinned.</param>
/// <param name="Enabled">False entries are listed but not loaded.</param>
/// <param name="Config">The plugin's <c>config</c> object (an empty object when absent).</param>
public sealed record PluginManifestEntry(int Index, string Path, string FullPath, string? Sha256, bool Enabled, JsonElement Config)
{
    /// <summary>The JSON path of this entry, e.g. <c>$.plugins[1]</c>.</summary>
    public string JsonPath => $"$.plugins[{Index}]";

    /// <summary>A short name for messages before the assembly is loaded: the file name without extension.</summary>
    public string DisplayName => System.IO.Path.GetFileNameWithoutExtension(Path);
}
