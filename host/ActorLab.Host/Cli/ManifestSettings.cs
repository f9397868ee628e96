using System.ComponentModel;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>The options every command that loads plugins and can answer in JSON shares.</summary>
public abstract class ManifestSettings : CommandSettings
{
    /// <summary>plugins.json to load.</summary>
    [CommandOption("-p|--plugins <FILE>")]
    [Description("Plugin manifest. Default: the nearest plugins.json in this folder or above")]
    public string? Plugins { get; init; }

    /// <summary>Print JSON.</summary>
    [CommandOption("--json")]
    [Description("Print the result as JSON on stdout (progress goes to stderr)")]
    public bool Json { get; init; }

    /// <summary>Let plugins load from outside the manifest's folder tree.</summary>
    [CommandOption("--allow-external-plugins")]
    [Description("Allow plugin paths outside the manifest's folder (absolute, .. or symlinks out of it); only for files you trust")]
    public bool AllowExternalPlugins { get; init; }
}
