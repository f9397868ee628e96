using System.Text.Json.Serialization;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// Binds a scenario record's component field (a name, or <c>{ "name": ..., "options": { ... } }</c>) to a
/// <see cref="ComponentChoice"/> that remembers where it sits in the file, for error messages.
/// </summary>
/// <param name="jsonPath">The field's JSON path, e.g. <c>$.partitioner</c>.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ComponentAtAttribute(string jsonPath) : JsonConverterAttribute
{
    /// <summary>The field's JSON path.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert) => new ComponentChoiceConverter(JsonPath);
}
