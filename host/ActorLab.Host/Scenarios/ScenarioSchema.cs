using System.Text.Json;
using Json.Schema;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// The JSON Schema of scenario files (<c>schemas/scenario.schema.json</c>, embedded in the program), used
/// both by editors (through the file's <c>$schema</c>) and to check every scenario before it runs. The fields every
/// kind shares are at its root; <c>kind</c> selects one closed fragment per kind, so a field of another kind is an error.
/// </summary>
public static class ScenarioSchema
{
    private const string UnknownField = "unknown field; check its spelling against schemas/scenario.schema.json";

    // The kinds whose fragment declares each kind-specific field, in the schema's order of kinds.
    private static readonly Lazy<ILookup<string, string>> KindsOfField = new(() =>
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(ScenarioSchemaGenerator.EmbeddedText())!.AsObject();
        var common = root["properties"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return ScenarioSchemaGenerator.KindFragments(root)
            .SelectMany(k => k.Fragment["properties"]!.AsObject().Select(p => (Field: p.Key, k.Kind)))
            .Where(f => !common.Contains(f.Field))
            .ToLookup(f => f.Field, f => f.Kind, StringComparer.Ordinal);
    });

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
        var kind = instance.ValueKind == JsonValueKind.Object && instance.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String
            ? k.GetString()
            : null;
        Collect(results, kind, errors);
        return errors.DistinctBy(e => (e.JsonPath, e.Message)).ToList();
    }

    /// <summary>
    /// Walks the failing nodes only. A oneOf whose alternatives differ by type (a name or an object) reports
    /// the alternative of the type the user wrote, not "should be object" for a string.
    /// </summary>
    private static void Collect(EvaluationResults node, string? kind, List<ScenarioError> errors)
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

            var text = Humanize(keyword, message);
            errors.Add(new ScenarioError(path, text == UnknownField && kind is not null && TopLevelField(node.InstanceLocation.ToString()) is { } field
                ? NotAFieldOf(kind, field)
                : text));
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
                Collect(branch, kind, errors);
            }
        }

        foreach (var child in failing.Except(branches))
        {
            Collect(child, kind, errors);
        }
    }

    /// <summary>
    /// A top-level field that the scenario's kind's fragment does not declare: it belongs to other kinds (a bandit
    /// scenario's <c>clients</c>, which it would ignore) or to none (a typo).
    /// </summary>
    private static string NotAFieldOf(string kind, string field)
    {
        var scenario = $"{("aeiou".Contains(kind[0], StringComparison.Ordinal) ? "an" : "a")} {kind} scenario";
        var others = KindsOfField.Value[field].Where(k => k != kind).ToList();
        return others.Count == 0
            ? $"unknown field of {scenario}; check its spelling against schemas/scenario.schema.json"
            : $"not a field of {scenario} ({field} belongs to {Join(others)} scenarios); remove it";
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    // "/clients" is the root's field clients; "/clients/perRound" and "" are not top-level fields.
    private static string? TopLevelField(string pointer)
    {
        var segments = pointer.TrimStart('#').Split('/');
        return segments.Length == 2 && segments[1].Length > 0 ? segments[1].Replace("~1", "/").Replace("~0", "~") : null;
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
        "" or "false" when message.Contains("false schema", StringComparison.Ordinal) => UnknownField,
        "pattern" => "expected a kebab-case name (lower-case words joined by '-', e.g. \"z-loss\")",
        "maxLength" => message + "; shorten it",
        _ when message.Contains("false schema", StringComparison.Ordinal) => UnknownField,
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
