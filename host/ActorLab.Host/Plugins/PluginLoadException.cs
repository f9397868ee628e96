namespace ActorLab.Host.Plugins;

/// <summary>
/// A plugin or the manifest could not be loaded. The message names the manifest, the plugin and the
/// reason, and says what to do; the CLI prints it without a stack trace and exits with code 2.
/// </summary>
public sealed class PluginLoadException(string manifestPath, string? plugin, string reason, Exception? inner = null)
    : Exception(plugin is null ? $"{manifestPath}: {reason}" : $"{manifestPath}: plugin '{plugin}': {reason}", inner)
{
    /// <summary>The manifest file.</summary>
    public string ManifestPath { get; } = manifestPath;

    /// <summary>The plugin concerned, if the error is about one.</summary>
    public string? Plugin { get; } = plugin;

    /// <summary>The reason, without the file and plugin prefix.</summary>
    public string Reason { get; } = reason;
}
