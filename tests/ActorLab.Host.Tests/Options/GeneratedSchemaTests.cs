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
        var files = Directory.GetFiles(Repo.Path("scenarios"), "*.json", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var invalid = files.Where(f => !Full.Value.Evaluate(Parse(File.ReadAllText(f))).IsValid).Select(Path.GetFileName).ToList();
        Assert.Empty(invalid);
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
