using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// How scenario records are bound from (and their defaults written to) JSON: camelCase field names as the schema
/// spells them, enums as camelCase strings, comments and trailing commas as the scenario parser allows them.
/// The records' initialisers (and their constructors' default values) are the scenario's only defaults.
/// </summary>
public static class ScenarioJson
{
    /// <summary>The serializer options every kind binds its scenario record with.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Binds <paramref name="document"/> (already validated against the schema) into its kind's record <typeparamref name="T"/>.</summary>
    public static T Read<T>(ScenarioDocument document) where T : BoundScenario
    {
        BoundScenario bound = document.Root.Deserialize<T>(Options) ?? throw new InvalidOperationException($"a scenario bound to no {typeof(T).Name}");
        return (T)(bound with { FilePath = document.FilePath, Name = document.Name }); // a record's copy keeps its kind's type
    }

    /// <summary>
    /// A record as the scenario's defaults make it: built with its constructor's default values (a field the schema
    /// requires gets its type's zero) and its initialisers. The schema's <c>default</c>s are written from it.
    /// </summary>
    public static object Defaults(Type record)
    {
        var constructor = record.GetConstructors().MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{record.Name} has no public constructor");
        var arguments = constructor.GetParameters()
            .Select(p => p.HasDefaultValue ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
            .ToArray();
        return constructor.Invoke(arguments);
    }
}
