using System.Text.Json;
using Json.Schema;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// A scenario file read and validated once per command (size limits, duplicate fields, the schema, the cross-field
/// rules), so every later step, whichever kind binds it, works on a file already known to be well formed.
/// </summary>
public sealed class ScenarioDocument
{
    /// <summary>The default scenario, relative to the working directory.</summary>
    public const string DefaultPath = "scenarios/quickstart.json";

    private ScenarioDocument(string path, string kind, JsonElement root)
    {
        FilePath = path;
        Kind = kind;
        Root = root;
    }

    /// <summary>The scenario file.</summary>
    public string FilePath { get; }

    /// <summary>The scenario's <c>kind</c>.</summary>
    public string Kind { get; }

    /// <summary>The scenario's <c>name</c>, or its file name without extension when it names none (as every kind binds it).</summary>
    public string Name => Root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
        ? name.GetString()!
        : System.IO.Path.GetFileNameWithoutExtension(FilePath);

    /// <summary>The run seed (0 when the scenario sets none).</summary>
    public int Seed => Root.TryGetProperty("seed", out var seed) && seed.TryGetInt32(out var value) ? value : 0;

    /// <summary>The validated JSON (a copy that outlives the parsed document).</summary>
    public JsonElement Root { get; }

    /// <summary>Reads and validates <paramref name="path"/>; throws <see cref="ScenarioException"/> listing every mistake.</summary>
    public static ScenarioDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException(path, [new ScenarioError("$", "file not found")]);
        }

        JsonDocument document;
        var text = File.ReadAllText(path);
        try
        {
            document = ScenarioSchema.Parse(text);
        }
        catch (JsonException ex)
        {
            var message = ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.');
            throw new ScenarioException(path, [new ScenarioError($"line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}", $"malformed JSON: {message}")]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (ScenarioLimits.Violations(root) is { Count: > 0 } violations)
            {
                // Before the schema: it would take minutes over a huge array, pass Infinity and crash on a lone surrogate.
                // These messages quote no string value, so they may come before the secrets are known.
                throw new ScenarioException(path, violations);
            }

            Secrets.SecretRedaction.RegisterScenario(root); // before any message can quote a value

            if (DuplicateJsonField.Find(text) is { } duplicate)
            {
                throw new ScenarioException(path, [new ScenarioError(duplicate.JsonPath, duplicate.Message)]);
            }

            if (OwnSchemaOf(root) is { } own)
            {
                // A kind the scenario schema does not describe checks its scenarios with its own schema.
                var ownErrors = ScenarioSchema.Validate(root, own);
                return ownErrors.Count > 0 ? throw new ScenarioException(path, ownErrors) : new ScenarioDocument(path, root.GetProperty("kind").GetString()!, root.Clone());
            }

            var schemaErrors = ScenarioSchema.Validate(root);
            // The rules read federated fields; in a scenario of another kind the schema refuses those fields already.
            var ruleErrors = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var k)
                && k.ValueKind == JsonValueKind.String && k.GetString() == Federated.FederatedKind.KindName
                ? Federated.FederatedScenarioRules.Check(root)
                : [];

            // A rule that knows more (the bound is clients.total) says it better than the schema's generic bound.
            var errors = schemaErrors.Where(e => ruleErrors.All(r => r.JsonPath != e.JsonPath)).Concat(ruleErrors).ToList();
            if (errors.Count > 0)
            {
                throw new ScenarioException(path, errors);
            }

            return new ScenarioDocument(path, root.GetProperty("kind").GetString()!, root.Clone());
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> OwnSchemas = new();

    private static JsonSchema? OwnSchemaOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
            && Hosting.SimulationKinds.All.FirstOrDefault(k => k.Name == kind.GetString()) is { OwnScenarioSchema: { } text } registered
            ? OwnSchemas.GetOrAdd(registered.Name, _ => JsonSchema.FromText(text))
            : null;

    /// <summary>Binds the document as a scenario of <paramref name="kind"/>; throws when it is of another kind.</summary>
    public T Bind<T>(string kind, Func<ScenarioDocument, T> bind)
    {
        if (Kind != kind)
        {
            throw new ScenarioException(FilePath, [new ScenarioError("$.kind", $"expected a {kind} scenario here, got {Kind}")]);
        }

        try
        {
            return bind(this);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            // The schema's "integer" admits 2147483648 and 1E+2; the records hold 32-bit whole numbers.
            throw new ScenarioException(FilePath, [ScenarioLimits.UnreadableNumber(Root)]);
        }
    }
}
