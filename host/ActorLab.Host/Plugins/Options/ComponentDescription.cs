using System.Text.Json.Nodes;

namespace ActorLab.Host.Plugins.Options;

/// <summary>What <c>actorlab plugins describe</c> prints about one component.</summary>
/// <param name="Registration">The component.</param>
/// <param name="PluginVersion">Its plugin's version.</param>
/// <param name="Options">Its declared options, or null when it registered without an options record.</param>
public sealed record ComponentDescription(ComponentRegistration Registration, string PluginVersion, IReadOnlyList<OptionDescriptor>? Options)
{
    /// <summary>Describes <paramref name="registration"/>.</summary>
    public static ComponentDescription Of(ComponentRegistration registration, string pluginVersion) =>
        new(registration, pluginVersion, registration.OptionsType is { } type ? OptionsDescription.Of(type) : null);

    /// <summary>The description as JSON (for <c>--json</c>).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["name"] = Registration.Name,
            ["kind"] = Registration.Kind,
            ["plugin"] = Registration.Plugin,
            ["pluginVersion"] = PluginVersion,
            ["description"] = Registration.Description,
            ["optionsDeclared"] = Options is not null,
        };
        if (Options is not null)
        {
            json["options"] = new JsonArray(Options.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Name,
                ["type"] = o.TypeName,
                ["default"] = OptionsSchema.ToNode(o.Default),
                ["allowed"] = o.Allowed,
                ["description"] = o.Description,
                ["schema"] = OptionsSchema.Of(o),
            }).ToArray());
        }

        return json;
    }
}
