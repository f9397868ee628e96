using System.Text.Json;
using ActorLab.Host.Tests.Support;
using Json.Schema;
using Xunit;

namespace ActorLab.Host.Tests.Options;

/// <summary>
/// The committed schemas are what <c>actorlab schema</c> writes (so they cannot go stale), every ready scenario
/// validates against the scenario schema, and its generated part rejects bad options as an editor would.
/// </summary>
public sealed class GeneratedSchemaTests
{
    private static readonly string ScenarioSchemaPath = Repo.Path("schemas", "scenario.schema.json");

    // Another $id: JsonSchema.Net registers schemas by $id, and the program's validation copy (without the
    // generated options) already holds the committed one.
    private static readonly Lazy<JsonSchema> Full = new(() => JsonSchema.FromText(File.ReadAllText(ScenarioSchemaPath)
        .Replace("\"https://actorlab.dev/schemas/scenario.schema.json\"", "\"https://actorlab.dev/tests/full-scenario.schema.json\"", StringComparison.Ordinal)));

    private static JsonElement Parse(string json) =>
        JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }).RootElement.Clone();

    [Fact]
    public void The_committed_scenario_schema_is_what_actorlab_schema_writes()
    {
        var result = Support.Cli.Run(Repo.Root, null, "schema", "--plugins", Repo.Manifest);
        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Stdout == File.ReadAllText(ScenarioSchemaPath),
            "schemas/scenario.schema.json is stale: regenerate it with `actorlab schema > schemas/scenario.schema.json`");
    }

    [Fact]
    public void The_committed_manifest_schema_is_what_actorlab_schema_manifest_writes()
    {
        var result = Support.Cli.Run(Repo.Root, null, "schema", "--manifest");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Repo.Path("schemas", "plugins.schema.json")), result.Stdout);
        Assert.True(JsonSchema.FromText(result.Stdout).Evaluate(Parse(File.ReadAllText(Repo.Manifest))).IsValid, "plugins.json does not fit its schema");
    }

    [Fact]
    public void Every_ready_scenario_validates_against_the_generated_schema()
    {
        var files = Directory.GetFiles(Repo.Path("scenarios"), "*.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Repo.Path("bench", "scenarios"), "*.json")).ToList();
        Assert.NotEmpty(files);
        var invalid = files.Where(f => !Full.Value.Evaluate(Parse(File.ReadAllText(f))).IsValid).Select(Path.GetFileName).ToList();
        Assert.Empty(invalid);
    }

    [Fact]
    public void Each_kind_selects_one_closed_fragment_that_editors_complete_from()
    {
        // Editors complete the root's fields, then, once kind is written, the fields of that kind's fragment.
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ScenarioSchemaPath))!.AsObject();
        var common = root["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(["$schema", "name", "description", "kind", "seed"], common);
        var kinds = root["properties"]!["kind"]!["enum"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
        Assert.Equal(["federated", "bandit", "game", "agent-training", "training", "experiment", "policy"], kinds);
        var rules = root["allOf"]!.AsArray();
        Assert.Equal(kinds, rules.Select(r => r!["if"]!["properties"]!["kind"]!["const"]!.GetValue<string>()));
        foreach (var rule in rules)
        {
            var kind = rule!["if"]!["properties"]!["kind"]!["const"]!.GetValue<string>();
            Assert.Equal("kind", Assert.Single(rule["if"]!["required"]!.AsArray())!.GetValue<string>()); // no kind: no fragment applies
            var reference = rule["then"]!["$ref"]!.GetValue<string>();
            var fragment = root["$defs"]![reference.Split('/')[^1]]!.AsObject();
            Assert.False(fragment["additionalProperties"]!.GetValue<bool>(), kind);
            var fields = fragment["properties"]!.AsObject();
            Assert.Equal(kind, fields["kind"]!["const"]!.GetValue<string>());
            Assert.All(common, c => Assert.True(fields.ContainsKey(c), $"{kind} lacks {c}"));
            Assert.All(fragment["required"]!.AsArray(), r => Assert.True(fields.ContainsKey(r!.GetValue<string>()), $"{kind} requires {r}"));
            Assert.All(fields.Where(f => !common.Contains(f.Key)), f => Assert.True(f.Value!["description"] is not null || f.Value["$ref"] is not null, $"{kind}.{f.Key}"));
        }

        // Component slots list the registered names in every kind that has them.
        string[] Examples(string fragment, string pointer) => pointer.Split('/').Aggregate(root["$defs"]![fragment], (n, s) => n![s])!["examples"]!.AsArray()
            .Select(e => e!.GetValue<string>()).ToArray();
        Assert.Contains("digits", Examples("federatedScenario", "properties/dataset"));
        Assert.Contains("digits", Examples("trainingScenario", "properties/dataset"));
        Assert.Contains("digits", Examples("banditScenario", "properties/dataset"));
        Assert.Contains("mlp", Examples("trainingScenario", "properties/model"));
        Assert.Contains("ucb1", Examples("banditScenario", "properties/policies/items"));
        Assert.Contains("hedge", Examples("gameScenario", "properties/players/items"));
        Assert.Contains("kd", Examples("trainingScenario", "properties/distillation/properties/loss"));
        Assert.Contains("fedavg", Examples("federatedScenario", "properties/strategy"));
    }

    [Fact]
    public void The_generated_schema_refuses_a_field_of_another_kind()
    {
        var bandit = Parse("""{ "kind": "bandit", "environment": "bernoulli", "policies": ["ucb1"], "steps": 10 }""");
        Assert.True(Full.Value.Evaluate(bandit).IsValid);
        var withClients = Parse("""{ "kind": "bandit", "environment": "bernoulli", "policies": ["ucb1"], "steps": 10, "clients": { "total": 2, "perRound": 1 } }""");
        Assert.False(Full.Value.Evaluate(withClients).IsValid);
    }

    [Theory]
    [InlineData("""{ "name": "z-loss", "options": { "a": 2 } }""", true)]
    [InlineData("""{ "name": "z-loss", "options": { "c": 2 } }""", false)] // unknown option
    [InlineData("""{ "name": "z-loss", "options": { "a": "x" } }""", false)] // wrong type
    [InlineData("""{ "name": "label-smoothing", "options": { "epsilon": 1.5 } }""", false)] // out of range
    [InlineData("""{ "name": "anyloss", "options": { "metric": "recall" } }""", false)] // not an allowed value
    [InlineData("""{ "name": "cross-entropy", "options": { "anything": 1 } }""", true)] // options not declared
    public void The_generated_part_checks_component_options(string loss, bool valid)
    {
        var scenario = Parse($$"""
            { "kind": "federated", "dataset": "digits", "model": "logistic-regression", "loss": {{loss}},
              "rounds": 1, "clients": { "total": 2, "perRound": 1 } }
            """);
        Assert.Equal(valid, Full.Value.Evaluate(scenario).IsValid);
    }
}
