using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorLab.Host.Plugins.Options;

/// <summary>JSON Schema and JSON descriptions of declared options (for <c>actorlab schema</c> and <c>plugins describe --json</c>).</summary>
public static class OptionsSchema
{
    /// <summary>The schema of one option: type, default, range or allowed values, description.</summary>
    public static JsonObject Of(OptionDescriptor option)
    {
        var schema = TypeSchema(option.ClrType);
        if (option.Description is { } description)
        {
            schema["description"] = description;
        }

        if (option.Default is not null)
        {
            schema["default"] = ToNode(option.Default);
        }

        if (option.AllowedValues is { } values)
        {
            schema["enum"] = new JsonArray(values.Select(ToNode).ToArray());
        }

        if (option.Range is { } range)
        {
            var bounds = RangeKeywords(range);
            var target = OptionTypes.JsonTypeOf(option.ClrType) == "array" ? (JsonObject)schema["items"]! : schema;
            foreach (var (keyword, value) in bounds)
            {
                target[keyword] = value;
            }
        }

        if (option.MinimumLength is { } least)
        {
            schema["minItems"] = least;
        }

        return schema;
    }

    /// <summary>The schema of a component's <c>options</c> object: its options, nothing else.</summary>
    public static JsonObject Of(IReadOnlyList<OptionDescriptor> options)
    {
        var properties = new JsonObject();
        foreach (var option in options)
        {
            properties[option.Name] = Of(option);
        }

        return new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
    }

    /// <summary>A value as a JSON node (web naming, as scenarios write it).</summary>
    public static JsonNode? ToNode(object? value) =>
        value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), OptionsDescription.NewSerializerOptions());

    private static JsonObject TypeSchema(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type);
        var json = OptionTypes.JsonTypeOf(type);
        var schema = new JsonObject { ["type"] = inner is null ? json : new JsonArray(json, "null") };
        if (json == "array")
        {
            schema["items"] = TypeSchema(OptionTypes.ElementType(type)!);
        }
        else if ((inner ?? type).IsEnum)
        {
            schema["enum"] = new JsonArray(Enum.GetNames(inner ?? type).Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
        }

        return schema;
    }

    private static IEnumerable<(string, JsonNode)> RangeKeywords(System.ComponentModel.DataAnnotations.RangeAttribute range)
    {
        var (min, max) = OptionTypes.Bounds(range);
        if (!double.IsNegativeInfinity(min))
        {
            yield return (range.MinimumIsExclusive ? "exclusiveMinimum" : "minimum", JsonValue.Create(min));
        }

        if (!double.IsPositiveInfinity(max))
        {
            yield return (range.MaximumIsExclusive ? "exclusiveMaximum" : "maximum", JsonValue.Create(max));
        }
    }
}
