using System.Text.Json;
using Json.Schema;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// The JSON Schema of scenario files (<c>schemas/scenario.schema.json</c>, embedded in the program), used
/// both by editors (through the file's <c>$schema</c>) and to check every scenario before it runs.
/// </summary>
public static class ScenarioSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(ScenarioSchema).Assembly.GetManifestResourceStream("scenario.schema.json")
            ?? throw new InvalidOperationException("scenario.schema.json is not embedded in the program");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    /// <summary>The schema violations of <paramref name="instance"/>, innermost first, one per location.</summary>
    public static IReadOnlyList<ScenarioError> Validate(JsonElement instance)
    {
        var results = Schema.Value.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<ScenarioError>();
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            if (detail.IsValid || detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                // oneOf failures repeat what their branches said; the branch errors are more useful.
                if (keyword == "oneOf" || keyword == "$ref")
                {
                    continue;
                }

                errors.Add(new ScenarioError(ToJsonPath(detail.InstanceLocation.ToString()), message));
            }
        }

        return errors.DistinctBy(e => (e.JsonPath, e.Message)).ToList();
    }

    /// <summary>Turns a JSON Pointer (<c>/clients/perRound</c>) into a JSON path (<c>$.clients.perRound</c>).</summary>
    public static string ToJsonPath(string pointer)
    {
        if (pointer is "" or "/" or "#")
        {
            return "$";
        }

        var path = "$";
        foreach (var segment in pointer.TrimStart('#').TrimStart('/').Split('/'))
        {
            var name = segment.Replace("~1", "/").Replace("~0", "~");
            path += int.TryParse(name, out var index) ? $"[{index}]" : "." + name;
        }

        return path;
    }

    internal static JsonDocument Parse(string text) =>
        JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
}
