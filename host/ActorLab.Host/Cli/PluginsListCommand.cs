using System.ComponentModel;
using ActorLab.Host.Plugins;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab plugins list</c>: the loaded plugins, their versions and components.</summary>
public sealed class PluginsListCommand : Command<PluginsListCommand.Settings>
{
    /// <summary>Options of <c>plugins list</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>plugins.json to load.</summary>
        [CommandOption("-p|--plugins <FILE>")]
        [Description("Plugin manifest. Default: the nearest plugins.json in this folder or above")]
        public string? Plugins { get; init; }

        /// <summary>Let plugins load from outside the manifest's folder tree.</summary>
        [CommandOption("--allow-external-plugins")]
        [Description("Allow plugin paths outside the manifest's folder (absolute, .. or symlinks out of it); only for files you trust")]
        public bool AllowExternalPlugins { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var manifestPath = ManifestLocator.Find(settings.Plugins);
        var manifest = PluginManifestReader.Read(manifestPath, settings.AllowExternalPlugins);
        var catalog = PluginCatalogLoader.Load(manifest);
        var table = new Table().Title($"plugins in {Markup.Escape(manifestPath)}")
            .AddColumn("plugin").AddColumn("version").AddColumn("kind").AddColumn("component").AddColumn("description");
        foreach (var plugin in catalog.Plugins)
        {
            foreach (var component in plugin.Components)
            {
                table.AddRow(Markup.Escape(plugin.Name), Markup.Escape(plugin.Version), component.Kind, Markup.Escape(component.Name), Markup.Escape(component.Description ?? ""));
            }
        }

        foreach (var disabled in manifest.Plugins.Where(p => !p.Enabled))
        {
            table.AddRow(Markup.Escape(disabled.DisplayName), "", "", "[grey](disabled)[/]", Markup.Escape(disabled.Path));
        }

        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 240; // no wrapping when a script reads the listing
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
