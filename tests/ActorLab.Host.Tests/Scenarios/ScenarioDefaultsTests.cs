using System.Text.Json.Nodes;
using ActorLab.Contracts.Games;
using ActorLab.Host.Bandits;
using ActorLab.Host.Federated;
using ActorLab.Host.Games;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Tests.Support;
using ActorLab.Host.Training;
using Xunit;

namespace ActorLab.Host.Tests.Scenarios;

/// <summary>A scenario default is stated once, in its kind's record: binding fills it in and the schema's <c>default</c> is written from it.</summary>
public sealed class ScenarioDefaultsTests() : TempDirectoryTest("scenario-defaults")
{
    private static JsonObject Committed() => JsonNode.Parse(File.ReadAllText(Repo.Path("schemas", "scenario.schema.json")))!.AsObject();

    private static JsonNode? At(JsonNode root, string pointer) =>
        pointer.Split('/').Aggregate<string, JsonNode?>(root, (node, segment) => node is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)] : node?[segment]);

    private string Write(string json)
    {
        var path = Path.Combine(Dir, "x.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Every_default_of_the_hand_written_schema_is_generated_from_a_record()
    {
        // Strip every default outside the generated component options, regenerate: the same schema comes back.
        var stripped = Committed();
        stripped["$defs"]!.AsObject().Remove(ScenarioSchemaGenerator.OptionsDefinition);
        var removed = StripDefaults(stripped);
        Assert.True(removed > 40, $"only {removed} defaults found"); // the walk did reach the kinds' fragments

        var regenerated = ScenarioSchemaGenerator.Generate(RepoCatalog.Catalog, stripped.ToJsonString());
        Assert.Equal(Sorted(Committed()), Sorted(regenerated));
    }

    [Fact]
    public void The_schema_states_the_records_initialisers()
    {
        var schema = Committed();
        var clients = new ClientSettings(Total: 1, PerRound: 1);
        Assert.Equal(clients.CallTimeoutSeconds, At(schema, "$defs/federatedScenario/properties/clients/properties/callTimeoutSeconds/default")!.GetValue<double>());
        Assert.Equal(clients.MaxConsecutiveFailures, At(schema, "$defs/federatedScenario/properties/clients/properties/maxConsecutiveFailures/default")!.GetValue<int>());
        Assert.Equal(clients.MinFit, At(schema, "$defs/federatedScenario/properties/clients/properties/minFit/default")!.GetValue<int>());
        Assert.Equal(clients.AcceptFailures, At(schema, "$defs/federatedScenario/properties/clients/properties/acceptFailures/default")!.GetValue<bool>());
        Assert.Null(At(schema, "$defs/federatedScenario/properties/clients/properties/timeoutSeconds/default")); // null: no limit
        var training = new TrainingSettings();
        Assert.Equal(training.LocalEpochs, At(schema, "$defs/federatedScenario/properties/training/properties/localEpochs/default")!.GetValue<int>());
        Assert.Equal(training.BatchSize, At(schema, "$defs/federatedScenario/properties/training/properties/batchSize/default")!.GetValue<int>());
        Assert.Equal(training.LearningRate, At(schema, "$defs/federatedScenario/properties/training/properties/learningRate/default")!.GetValue<double>());
        Assert.Equal(new EvaluationSettings().PerClient, At(schema, "$defs/federatedScenario/properties/evaluation/properties/perClient/default")!.GetValue<bool>());
        Assert.Equal("full", At(schema, "$defs/gameScenario/properties/feedback/default")!.GetValue<string>());
        Assert.Equal(ScenarioBinding.DefaultTestFraction, At(schema, "$defs/dataset/oneOf/1/properties/testFraction/default")!.GetValue<double>());
    }

    [Fact]
    public void A_scenario_that_sets_nothing_optional_binds_to_the_records_initialisers()
    {
        var federated = FederatedScenarioBinder.Load(Write("""{ "kind": "federated", "dataset": "digits", "model": "mlp", "rounds": 1, "clients": { "total": 4, "perRound": 2 } }"""));
        Assert.Equal(new ClientSettings(4, 2), federated.Clients);
        Assert.Equal(new TrainingSettings(), federated.Training);
        Assert.Equal(new EvaluationSettings(), federated.Evaluation);
        Assert.Equal(FaultSettings.None.Byzantine, federated.Faults.Byzantine);
        Assert.Equal(ScenarioBinding.DefaultTestFraction, federated.TestFraction);
        Assert.Equal(("$.partitioner", "iid"), (federated.Partitioner.JsonPath, federated.Partitioner.Name));

        var bandit = BanditScenarioBinder.Load(Write("""{ "kind": "bandit", "environment": "bernoulli", "policies": [ "ucb1" ], "steps": 5 }"""));
        Assert.Equal((10, 10_000, 100, false, 0L), (bandit.Repetitions, bandit.BatchSize, bandit.Checkpoints, bandit.Hindsight, bandit.LogSteps));

        var game = GameScenarioBinder.Load(Write("""{ "kind": "game", "game": "rock-paper-scissors", "players": [ "hedge", { "name": "hedge", "label": "b" } ], "rounds": 5 }"""));
        Assert.Equal((Feedback.Full, 10), (game.Feedback, game.Repetitions));

        var trained = TrainingScenarioBinder.Load(Write("""{ "kind": "training", "dataset": "digits", "model": "mlp", "optimization": { "epochs": 2 } }"""));
        Assert.Equal(new OptimizationSettings(2), trained.Optimization);
        Assert.Equal(("sgd", "$.optimizer"), (trained.Optimizer.Name, trained.Optimizer.JsonPath));
    }

    [Fact]
    public void Set_fields_override_the_defaults_and_components_keep_their_paths()
    {
        var scenario = FederatedScenarioBinder.Load(Write("""
            {
              "kind": "federated", "seed": 7, "rounds": 3,
              "dataset": { "name": "digits", "testFraction": 0.3 },
              "model": { "name": "mlp", "options": { "hidden": [8] } },
              "clients": { "total": 4, "perRound": 2, "callTimeoutSeconds": 12, "timeoutSeconds": 5 },
              "faults": { "slowClients": { "probability": 0.5, "delayMs": 20 }, "byzantine": { "fraction": 0.25 } },
              "evaluation": { "perClient": false },
            }
            """));
        Assert.Equal((7, 3, 0.3), (scenario.Seed, scenario.Rounds, scenario.TestFraction));
        Assert.Equal((12.0, 5.0), (scenario.Clients.CallTimeoutSeconds, scenario.Clients.TimeoutSeconds));
        Assert.Equal(new DelaySettings(0.5, 20), scenario.Faults.SlowClients);
        Assert.Equal(new ByzantineSettings(0.25), scenario.Faults.Byzantine);
        Assert.False(scenario.EvaluatePerClient);
        Assert.Equal(("$.model.name", "$.model.options", "[8]"), (scenario.Model.JsonPath, scenario.Model.Options.JsonPath, scenario.Model.Options.Raw.GetProperty("hidden").GetRawText()));
        Assert.Equal(("$.dataset.name", "digits"), (scenario.Dataset.JsonPath, scenario.Dataset.Name));
    }

    private static int StripDefaults(JsonNode? node)
    {
        var removed = 0;
        switch (node)
        {
            case JsonObject obj:
                if (obj.Remove("default"))
                {
                    removed++;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    removed += StripDefaults(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    removed += StripDefaults(child);
                }

                break;
        }

        return removed;
    }

    // The generator appends a default it adds after the field's other keywords; the order of keywords means nothing.
    private static string Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonValue.Create(p.Key).ToJsonString() + ":" + Sorted(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Sorted)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
