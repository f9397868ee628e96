using System.ComponentModel;
using System.Text.Json;
using ActorLab.Host.Plugins;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>
/// <c>actorlab plugins pin</c>: writes the sha256 of every enabled plugin into plugins.json, so that a changed
/// file is refused at load; <c>--check</c> only reports the pins that are missing or differ (exit code 1).
/// </summary>
public sealed class PluginsPinCommand : Command<PluginsPinCommand.Settings>
{
    /// <summary>Exit code of <c>--check</c> when a pin is missing or differs.</summary>
    public const int MismatchExitCode = 1;

    /// <summary>Options of <c>plugins pin</c>.</summary>
    public sealed class Settings : ManifestSettings
    {
        /// <summary>Only compare.</summary>
        [CommandOption("--check")]
        [Description("Write nothing; list the pins that are missing or differ and exit with code 1 if there are any")]
        public bool Check { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var manifestPath = ManifestLocator.Find(settings.Plugins);
        var changes = PluginManifestEditor.Pin(manifestPath, settings.AllowExternalPlugins, settings.Check);
        var differing = changes.Count(c => c.Status != "unchanged");
        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(JsonSerializer.Serialize(new
            {
                manifest = manifestPath,
                check = settings.Check,
                written = !settings.Check && differing > 0,
                plugins = changes.Select(c => new { jsonPath = c.JsonPath, path = c.Path, before = c.Before, after = c.After, status = c.Status }),
            }));
        }
        else
        {
            var verb = settings.Check ? (differing == 0 ? "all pins match" : $"{differing} pin(s) missing or different") : (differing == 0 ? "nothing to change" : $"{differing} pin(s) written");
            var table = new Table().Title($"{Markup.Escape(manifestPath)}: {verb}")
                .AddColumn("entry").AddColumn("path").AddColumn("pinned").AddColumn("file sha256").AddColumn("status");
            foreach (var c in changes)
            {
                var status = c.Status == "unchanged" ? "[green]unchanged[/]" : settings.Check ? $"[red]{(c.Before is null ? "unpinned" : "mismatch")}[/]" : $"[yellow]{c.Status}[/]";
                table.AddRow(Markup.Escape(c.JsonPath), Markup.Escape(c.Path), c.Before ?? "-", c.After, status);
            }

            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 320; // whole hashes when a script reads the table
            }

            AnsiConsole.Write(table);
        }

        return settings.Check && differing > 0 ? MismatchExitCode : 0;
    }
}
