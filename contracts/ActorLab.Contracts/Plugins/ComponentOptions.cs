using System.Text.Json;

namespace ActorLab.Contracts.Plugins;

/// <summary>
/// The <c>options</c> object a scenario gives a component. <see cref="Bind{T}"/> turns it into the
/// component's options record (defaults for what is absent); a wrong value raises
/// <see cref="ComponentOptionsException"/> naming the JSON path, which the host reports with the file name.
/// </summary>
public sealed class ComponentOptions
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Options of a component the scenario configures with no options.</summary>
    public static ComponentOptions Empty { get; } = new(JsonDocument.Parse("{}").RootElement.Clone(), "$");

    /// <summary>Creates options from a JSON object found at <paramref name="jsonPath"/> in the scenario.</summary>
    public ComponentOptions(JsonElement raw, string jsonPath)
    {
        _raw = raw;
        JsonPath = jsonPath;
    }

    private readonly JsonElement _raw;

    /// <summary>The raw JSON object (reading it counts as reading the options: <see cref="WasRead"/>).</summary>
    public JsonElement Raw
    {
        get
        {
            WasRead = true;
            return _raw;
        }
    }

    /// <summary>
    /// Whether anyone read these options (<see cref="Raw"/> or <see cref="Bind{T}"/>): the host gives a component a fresh
    /// copy, so a component with no declared options record that never reads them is told its options go unused.
    /// </summary>
    public bool WasRead { get; private set; }

    /// <summary>Where the object sits in the scenario file, e.g. <c>$.model.options</c>.</summary>
    public string JsonPath { get; }

    /// <summary>Binds the options to a record with defaults; unknown members are errors (they are usually typos).</summary>
    public T Bind<T>() where T : new()
    {
        if (Raw.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new T();
        }

        try
        {
            return Raw.Deserialize<T>(SerializerOptions) ?? new T();
        }
        catch (JsonException ex)
        {
            var path = ex.Path is null or "$" ? JsonPath : JsonPath + ex.Path.TrimStart('$');
            throw new ComponentOptionsException(path, ex.Message);
        }
    }
}

/// <summary>A component's options do not fit its options record.</summary>
public sealed class ComponentOptionsException(string jsonPath, string reason)
    : Exception($"{jsonPath}: {reason}")
{
    /// <summary>The JSON path of the offending value.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>What was wrong.</summary>
    public string Reason { get; } = reason;
}
