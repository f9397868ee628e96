using System.Text.Json;

namespace ActorLab.Host.Results;

/// <summary>The JSON form of every result file and --json output: camelCase, indented, NaN and Infinity as strings.</summary>
public static class ResultsJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
