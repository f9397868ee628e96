using System.ComponentModel;
using System.Text.Json;
using ActorLab.Host.Plugins;
using ActorLab.Host.Plugins.Options;
using ActorLab.Host.Results.Database;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab plugins describe &lt;component&gt;</c>: a component's plugin, kind, description and options table.</summary>
public sealed class PluginsDescribeCommand : Command<PluginsDescribeCommand.Settings>
{
    /// <summary>Options of <c>plugins describe</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The component's name.</summary>
        [CommandArgument(0, "<COMPONENT>")]
        [Description("Component name, e.g. z-loss")]
        public string Component { get; init; } = "";

        /// <summary>The kind, when several kinds share the name.</summary>
        [CommandOption("-k|--kind <KIND>")]
        [Description("Component kind when the name is taken by several kinds: loss, model, strategy, optimizer, partitioner, dataset, \"bandit policy\" (or bandit-policy), ...")]
        public string? Kind { get; init; }

        /// <summary>Print JSON instead of a table.</summary>
        [CommandOption("--json")]
        [Description("Print the description as JSON")]
        public bool Json { get; init; }

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
        var catalog = PluginCatalogLoader.Load(PluginManifestReader.Read(manifestPath, settings.AllowExternalPlugins));
        var registration = Find(catalog, settings.Component, settings.Kind, manifestPath);
        var version = catalog.Plugins.First(p => p.Name == registration.Plugin).Version;
        var description = ComponentDescription.Of(registration, version);
        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(description.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 240; // no wrapping when a script reads the table
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(registration.Name)}[/] ({Markup.Escape(registration.Kind)}) from plugin {Markup.Escape(registration.Plugin)} {Markup.Escape(version)}");
        if (registration.Description is { } text)
        {
            AnsiConsole.WriteLine(text);
        }

        if (description.Options is null)
        {
            AnsiConsole.WriteLine("options: not declared (registered without an options record; the component reads its options itself)");
            return 0;
        }

        if (description.Options.Count == 0)
        {
            AnsiConsole.WriteLine("options: none");
            return 0;
        }

        var table = new Table().AddColumn("option").AddColumn("type").AddColumn("default").AddColumn("allowed").AddColumn("description");
        foreach (var option in description.Options)
        {
            table.AddRow(Markup.Escape(option.Name), Markup.Escape(option.TypeName), Markup.Escape(option.DefaultText), Markup.Escape(option.Allowed ?? ""), Markup.Escape(option.Description ?? ""));
        }

        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>The component named <paramref name="name"/> (of <paramref name="kind"/>); an input error names the candidates.</summary>
    internal static ComponentRegistration Find(PluginCatalog catalog, string name, string? kind, string manifestPath)
    {
        var all = catalog.Components.Values.ToList();
        var named = all.Where(c => c.Name == name).ToList();
        if (named.Count == 0)
        {
            var nearest = all.Select(c => c.Name).Distinct().OrderBy(n => EditDistance.Between(name, n)).ThenBy(n => n, StringComparer.Ordinal).Take(3);
            throw new InputFileException(manifestPath, $"no component named '{name}' is registered; nearest: {string.Join(", ", nearest)} (see `actorlab plugins list`)");
        }

        if (kind is not null)
        {
            var wanted = kind.Replace('-', ' ').Trim();
            named = named.Where(c => string.Equals(c.Kind, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 0)
            {
                throw new InputFileException(manifestPath, $"no {kind} named '{name}'; '{name}' is a {string.Join(" and a ", all.Where(c => c.Name == name).Select(c => c.Kind))}");
            }
        }

        if (named.Count > 1)
        {
            throw new InputFileException(manifestPath, $"'{name}' names several components: {string.Join(", ", named.Select(c => c.Kind))}; add --kind, e.g. --kind {named[0].Kind.Replace(' ', '-')}");
        }

        return named[0];
    }
}
