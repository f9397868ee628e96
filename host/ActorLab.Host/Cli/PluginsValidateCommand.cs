using System.ComponentModel;
using ActorLab.Host.Plugins;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab plugins validate [manifest]</c>: loads every plugin and registers its components, runs nothing.</summary>
public sealed class PluginsValidateCommand : Command<PluginsValidateCommand.Settings>
{
    /// <summary>Arguments of <c>plugins validate</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The manifest to check.</summary>
        [CommandArgument(0, "[manifest]")]
        [Description("Plugin manifest to check. Default: the nearest plugins.json in this folder or above")]
        public string? Manifest { get; init; }

        /// <summary>Let plugins load from outside the manifest's folder tree.</summary>
        [CommandOption("--allow-external-plugins")]
        [Description("Allow plugin paths outside the manifest's folder (absolute, .. or symlinks out of it); only for files you trust")]
        public bool AllowExternalPlugins { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var manifestPath = ManifestLocator.Find(settings.Manifest);
        var catalog = PluginCatalogLoader.Load(manifestPath, settings.AllowExternalPlugins);
        var components = catalog.Plugins.Sum(p => p.Components.Count);
        AnsiConsole.MarkupLine($"[green]ok[/]: {Markup.Escape(manifestPath)}: {catalog.Plugins.Count} plugin(s), {components} component(s)");
        return 0;
    }
}
