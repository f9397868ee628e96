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
        // The generated options part reflects the repo's plugins when it was written; the loaded plugins' own
        // options records check options when components are built, with errors naming component and option.
        var schema = System.Text.Json.Nodes.JsonNode.Parse(ScenarioSchemaGenerator.EmbeddedText())!;
        if (schema["$defs"]?[ScenarioSchemaGenerator.OptionsDefinition] is not null)
        {
            schema["$defs"]![ScenarioSchemaGenerator.OptionsDefinition] = true;
        }

        return JsonSchema.FromText(schema.ToJsonString());
    });

    /// <summary>The schema violations of <paramref name="instance"/>, one per location and message.</summary>
    public static IReadOnlyList<ScenarioError> Validate(JsonElement instance) => Validate(instance, Schema.Value);

    /// <summary>Checks <paramref name="instance"/> against another schema (a kind's own), with the same error messages.</summary>
    public static IReadOnlyList<ScenarioError> Validate(JsonElement instance, JsonSchema schema)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var errors = new List<ScenarioError>();
        Collect(results, errors);
        return errors.DistinctBy(e => (e.JsonPath, e.Message)).ToList();
    }

    /// <summary>
    /// Walks the failing nodes only. A oneOf whose alternatives differ by type (a name or an object) reports
    /// the alternative of the type the user wrote, not "should be object" for a string.
    /// </summary>
    private static void Collect(EvaluationResults node, List<ScenarioError> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        var path = ToJsonPath(node.InstanceLocation.ToString());
        foreach (var (keyword, message) in node.Errors ?? [])
        {
            if (keyword is "oneOf" or "anyOf" or "$ref" or "properties" or "allOf")
            {
                continue; // their sub-results say what is wrong
            }

            errors.Add(new ScenarioError(path, Humanize(keyword, message)));
        }

        var failing = (node.Details ?? []).Where(d => !d.IsValid).ToList();
        var branches = failing.Where(d => IsOneOfBranch(d.EvaluationPath.ToString())).ToList();
        if (branches.Count > 0)
        {
            var matchingType = branches.Where(b => !OnlyTypeErrors(b)).ToList();
            if (matchingType.Count == 0)
            {
                errors.Add(new ScenarioError(path, "expected a component name (kebab-case string) or an object { \"name\": ..., \"options\": { ... } }"));
            }

            foreach (var branch in matchingType)
            {
                Collect(branch, errors);
            }
        }

        foreach (var child in failing.Except(branches))
        {
            Collect(child, errors);
        }
    }

    private static bool IsOneOfBranch(string evaluationPath)
    {
        var segments = evaluationPath.Split('/');
        return segments.Length >= 2 && segments[^2] == "oneOf";
    }

    private static bool OnlyTypeErrors(EvaluationResults node) =>
        (node.Errors ?? []).Keys.All(k => k == "type") && (node.Details ?? []).Where(d => !d.IsValid).All(OnlyTypeErrors);

    private static string Humanize(string keyword, string message) => keyword switch
    {
        "" or "false" when message.Contains("false schema", StringComparison.Ordinal) => "unknown field; check its spelling against schemas/scenario.schema.json",
        "pattern" => "expected a kebab-case name (lower-case words joined by '-', e.g. \"z-loss\")",
        "maxLength" => message + "; shorten it",
        _ when message.Contains("false schema", StringComparison.Ordinal) => "unknown field; check its spelling against schemas/scenario.schema.json",
        _ => message,
    };

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

    /// <summary>
    /// Parses a scenario's text. A field given twice is a mistake (the schema and the binder could read different ones),
    /// but it is looked for afterwards (<see cref="DuplicateJsonField"/>): the parser's own check neither says where nor
    /// survives a field name holding a lone surrogate, which <see cref="ScenarioLimits.Violations"/> reports first.
    /// </summary>
    internal static JsonDocument Parse(string text) =>
        JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
}
