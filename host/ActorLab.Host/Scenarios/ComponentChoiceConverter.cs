using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorLab.Host.Scenarios;

/// <summary>Reads a component at a known JSON path (see <see cref="ComponentAtAttribute"/>); scenarios are never written back this way.</summary>
/// <param name="jsonPath">Where the component sits in the scenario file.</param>
internal sealed class ComponentChoiceConverter(string jsonPath) : JsonConverter<ComponentChoice>
{
    /// <inheritdoc />
    public override ComponentChoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var element = JsonDocument.ParseValue(ref reader);
        return ScenarioBinding.Component(element.RootElement, jsonPath);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ComponentChoice value, JsonSerializerOptions options) =>
        throw new NotSupportedException("scenario records are written by RunDirectory, not serialized");
}
