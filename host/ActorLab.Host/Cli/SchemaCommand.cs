using System.ComponentModel;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>
/// <c>actorlab schema</c>: writes the scenario JSON Schema with the loaded plugins' component names and options
/// (<c>actorlab schema &gt; schemas/scenario.schema.json</c>), or with <c>--manifest</c> the schema of plugins.json.
/// </summary>
public sealed class SchemaCommand : Command<SchemaCommand.Settings>
{
    /// <summary>Options of <c>schema</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Write the plugins.json schema instead.</summary>
        [CommandOption("--manifest")]
        [Description("Write the schema of plugins.json instead of the scenario schema")]
        public bool Manifest { get; init; }

        /// <summary>plugins.json to load.</summary>
        [CommandOption("-p|--plugins <FILE>")]
        [Description("Plugin manifest whose components the scenario schema lists. Default: the nearest plugins.json in this folder or above")]
        public string? Plugins { get; init; }

        /// <summary>Let plugins load from outside the manifest's folder tree.</summary>
        [CommandOption("--allow-external-plugins")]
        [Description("Allow plugin paths outside the manifest's folder (absolute, .. or symlinks out of it); only for files you trust")]
        public bool AllowExternalPlugins { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Manifest)
        {
            Console.Out.Write(ScenarioSchemaGenerator.Write(ManifestSchema.Generate()));
            return 0;
        }

        var catalog = PluginCatalogLoader.Load(PluginManifestReader.Read(ManifestLocator.Find(settings.Plugins), settings.AllowExternalPlugins));
        Console.Out.Write(ScenarioSchemaGenerator.Write(ScenarioSchemaGenerator.Generate(catalog, ScenarioSchemaGenerator.EmbeddedText())));
        return 0;
    }
}
