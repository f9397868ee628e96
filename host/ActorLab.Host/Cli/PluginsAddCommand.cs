using System.ComponentModel;
using System.Text.Json;
using ActorLab.Host.Plugins;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>
/// <c>actorlab plugins add &lt;dll&gt;</c>: loads the assembly through the normal loader (entry point, contracts version,
/// components, name clashes with the plugins already listed), then appends it to plugins.json with its sha256.
/// </summary>
public sealed class PluginsAddCommand : Command<PluginsAddCommand.Settings>
{
    /// <summary>Arguments and options of <c>plugins add</c>.</summary>
    public sealed class Settings : ManifestSettings
    {
        /// <summary>The plugin assembly.</summary>
        [CommandArgument(0, "<dll>")]
        [Description("The plugin's built assembly, inside the manifest's folder (e.g. build/plugins/X/X.dll)")]
        public string Assembly { get; init; } = "";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var manifestPath = ManifestLocator.Find(settings.Plugins);
        var plugin = PluginManifestEditor.Add(manifestPath, settings.Assembly, settings.AllowExternalPlugins);
        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(JsonSerializer.Serialize(new
            {
                manifest = manifestPath,
                plugin = plugin.Name,
                version = plugin.Version,
                path = plugin.Path,
                components = plugin.Components.Select(c => new { kind = c.Kind, name = c.Name, description = c.Description }),
            }));
            return 0;
        }

        var table = new Table().Title($"added {Markup.Escape(plugin.Name)} {Markup.Escape(plugin.Version)} to {Markup.Escape(manifestPath)}")
            .AddColumn("kind").AddColumn("component").AddColumn("description");
        foreach (var component in plugin.Components)
        {
            table.AddRow(component.Kind, Markup.Escape(component.Name), Markup.Escape(component.Description ?? ""));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
