using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// Writes the <c>default</c> of every scenario field a kind's record binds (<see cref="Simulation.Kinds.ISimulationKind.ScenarioRecord"/>)
/// from the record's initialisers, so that a default is stated once, in C#: a field the schema requires, or whose
/// record default is null, states none. Fields every kind shares (<c>seed</c>) take the default the kinds agree on.
/// </summary>
internal static class ScenarioSchemaDefaults
{
    /// <summary>Where the data set's <c>testFraction</c> (shared by the kinds that load a data set) is declared.</summary>
    private const string TestFractionPointer = "$defs/dataset/oneOf/1/properties/testFraction";

    /// <summary>Fills the defaults of <paramref name="root"/> (the scenario schema) from the registered kinds' records.</summary>
    public static void Fill(JsonObject root)
    {
        var common = new Dictionary<string, (string Kind, JsonNode? Value)>(StringComparer.Ordinal);
        foreach (var (kind, fragment) in ScenarioSchemaGenerator.KindFragments(root))
        {
            if (Hosting.SimulationKinds.All.FirstOrDefault(k => k.Name == kind)?.ScenarioRecord is { } record)
            {
                Fill(fragment, record, (field, value) =>
                {
                    if (common.TryGetValue(field, out var other) && !JsonNode.DeepEquals(other.Value, value))
                    {
                        throw new InvalidOperationException($"the {kind} and {other.Kind} scenario records disagree on the default of {field}, a field every kind shares");
                    }

                    common[field] = (kind, value);
                });
            }
        }

        var shared = root["properties"]!.AsObject();
        foreach (var (field, (_, value)) in common)
        {
            if (shared[field] is JsonObject node)
            {
                SetDefault(node, value);
            }
        }

        SetDefault(ScenarioSchemaGenerator.At(root, TestFractionPointer) ?? throw new InvalidOperationException($"the scenario schema has no {TestFractionPointer}"),
            JsonValue.Create(ScenarioBinding.DefaultTestFraction));
    }

    /// <summary>
    /// The defaults of <paramref name="node"/>'s properties from record <paramref name="type"/>, recursing into the
    /// records it holds; a field whose schema is <c>true</c> (declared at the root) goes to <paramref name="shared"/>.
    /// </summary>
    private static void Fill(JsonObject node, Type type, Action<string, JsonNode?> shared)
    {
        if (node["properties"] is not JsonObject properties)
        {
            return; // a reference to a shared definition
        }

        var required = (node["required"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var defaults = ScenarioJson.Defaults(type);
        foreach (var property in ScenarioJson.Options.GetTypeInfo(type).Properties.Where(p => p.Get is not null && IsBound(type, p)))
        {
            var value = property.Get!(defaults);
            var clr = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            switch (properties[property.Name])
            {
                case JsonObject field when clr == typeof(ComponentChoice):
                    SetDefault(field, required.Contains(property.Name) || value is not ComponentChoice choice ? null : JsonValue.Create(choice.Name));
                    break;
                case JsonObject field when IsScalar(clr):
                    SetDefault(field, required.Contains(property.Name) || value is null ? null : JsonSerializer.SerializeToNode(value, property.PropertyType, ScenarioJson.Options));
                    break;
                case JsonObject field when clr.IsClass && !typeof(IEnumerable).IsAssignableFrom(clr):
                    Fill(field, clr, shared);
                    break;
                case JsonValue passthrough when passthrough.GetValueKind() == JsonValueKind.True && IsScalar(clr):
                    shared(property.Name, value is null ? null : JsonSerializer.SerializeToNode(value, property.PropertyType, ScenarioJson.Options));
                    break;
            }
        }
    }

    // A computed property (no setter, no constructor parameter) is not read from the scenario.
    private static bool IsBound(Type type, JsonPropertyInfo property) =>
        property.AttributeProvider is System.Reflection.PropertyInfo clr && clr.SetMethod is not null;

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);

    private static void SetDefault(JsonObject field, JsonNode? value)
    {
        if (value is null)
        {
            field.Remove("default");
        }
        else
        {
            field["default"] = value;
        }
    }
}
