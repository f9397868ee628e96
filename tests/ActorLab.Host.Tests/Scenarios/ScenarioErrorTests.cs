using ActorLab.Contracts.Plugins;
using ActorLab.Host.AgentTraining;
using ActorLab.Host.Bandits;
using ActorLab.Host.Cli;
using ActorLab.Host.Experiments;
using ActorLab.Host.Federated;
using ActorLab.Host.Games;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using ActorLab.Host.Training;
using Xunit;

namespace ActorLab.Host.Tests.Scenarios;

/// <summary>One test per kind of scenario mistake: each names the file, the JSON path and what was expected.</summary>
public sealed class ScenarioErrorTests() : TempDirectoryTest("scenario")
{
    private const string Valid = """
        {
          "kind": "federated",
          "seed": 1,
          "dataset": "digits",
          "model": "logistic-regression",
          "rounds": 2,
          "clients": { "total": 100, "perRound": 10 }
        }
        """;

    private string Write(string json)
    {
        var path = Path.Combine(Dir, "x.json");
        File.WriteAllText(path, json);
        return path;
    }

    private ScenarioException Fails(string json) => Assert.Throws<ScenarioException>(() => FederatedScenarioBinder.Load(Write(json)));

    [Fact]
    public void A_valid_scenario_loads_with_defaults_filled_in()
    {
        var scenario = FederatedScenarioBinder.Load(Write(Valid));
        Assert.Equal("x", scenario.Name);
        Assert.Equal("iid", scenario.Partitioner.Name);
        Assert.Equal("cross-entropy", scenario.Loss.Name);
        Assert.Equal("fedavg", scenario.Strategy.Name);
        Assert.Equal(new TrainingSettings(1, 32, 0.05), scenario.Training);
    }

    [Fact]
    public void Shipped_scenarios_are_valid()
    {
        var files = Directory.GetFiles(Repo.Path("scenarios"), "*.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Repo.Path("bench", "scenarios"), "*.json")).ToList();
        Assert.True(files.Count > 10);
        foreach (var file in files)
        {
            if (ScenarioDocument.Load(file).Kind == "bandit")
            {
                BanditScenarioBinder.Load(file);
            }
            else if (ScenarioDocument.Load(file).Kind == "game")
            {
                GameScenarioBinder.Load(file);
            }
            else if (ScenarioDocument.Load(file).Kind == "agent-training")
            {
                AgentTrainingScenarioBinder.Load(file);
            }
            else if (ScenarioDocument.Load(file).Kind == "training")
            {
                TrainingScenarioBinder.Load(file);
            }
            else if (ScenarioDocument.Load(file).Kind == "experiment")
            {
                ExperimentLauncher.Prepare(new RunRequest(file, Repo.Manifest, Path.GetTempPath(), 1)); // builds it: its options are checked too
            }
            else if (ScenarioDocument.Load(file).Kind == "policy")
            {
                // Builds the plan: the task's problems are drawn and the model is built, so its options are checked too.
                new ActorLab.Host.Policy.PolicyKind().Prepare(ScenarioDocument.Load(file), RepoCatalog.Catalog, new RunRequest(file, Repo.Manifest, Path.GetTempPath(), 1));
            }
            else
            {
                FederatedScenarioBinder.Load(file);
            }
        }
    }

    [Fact]
    public void Per_round_above_total_uses_the_cross_field_message()
    {
        var path = Write(Valid.Replace("\"perRound\": 10", "\"perRound\": 0"));
        var ex = Assert.Throws<ScenarioException>(() => FederatedScenarioBinder.Load(path));
        Assert.Equal($"{path}: $.clients.perRound: must be between 1 and clients.total (100), got 0", ex.Message);

        ex = Fails(Valid.Replace("\"perRound\": 10", "\"perRound\": 101"));
        Assert.EndsWith("$.clients.perRound: must be between 1 and clients.total (100), got 101", ex.Message);
    }

    [Fact]
    public void Malformed_json_gives_line_and_position()
    {
        var ex = Fails("{\n  \"kind\": \"federated\",\n  \"seed\": 1,,\n}");
        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("line 3, position", error.JsonPath);
        Assert.Contains("malformed JSON", error.Message);
    }

    [Fact]
    public void Missing_required_field()
    {
        var ex = Fails(Valid.Replace("\"rounds\": 2,", ""));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$", error.JsonPath);
        Assert.Contains("rounds", error.Message);
    }

    [Fact]
    public void Wrong_type()
    {
        var ex = Fails(Valid.Replace("\"rounds\": 2", "\"rounds\": \"two\""));
        Assert.Contains(ex.Errors, e => e.JsonPath == "$.rounds" && e.Message.Contains("integer"));
    }

    [Fact]
    public void Out_of_range_value()
    {
        var ex = Fails(Valid.Replace("\"rounds\": 2", "\"rounds\": 0"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.rounds", error.JsonPath);
        Assert.Contains("1", error.Message);
        Assert.Contains($"{Path.Combine(Dir, "x.json")}: $.rounds:", ex.Message);
    }

    [Fact]
    public void Unknown_field_is_reported_as_a_likely_typo()
    {
        var ex = Fails(Valid.Replace("\"seed\": 1,", "\"seed\": 1, \"round\": 3,"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.round", error.JsonPath);
        Assert.Contains("unknown field", error.Message);
    }

    [Theory]
    [InlineData("""{ "kind": "bandit", "environment": "bernoulli", "policies": ["ucb1"], "steps": 10, "clients": { "total": 2, "perRound": 5 } }""",
        "$.clients", "not a field of a bandit scenario (clients belongs to federated scenarios); remove it")]
    [InlineData("""{ "kind": "game", "game": "matching-pennies", "players": ["hedge", "hedge"], "rounds": 10, "optimization": { "epochs": 1 } }""",
        "$.optimization", "not a field of a game scenario (optimization belongs to training scenarios); remove it")]
    [InlineData("""{ "kind": "training", "dataset": "digits", "model": "mlp", "optimization": { "epochs": 1 }, "policies": ["ucb1"] }""",
        "$.policies", "not a field of a training scenario (policies belongs to bandit scenarios); remove it")]
    [InlineData("""{ "kind": "federated", "dataset": "digits", "model": "mlp", "rounds": 1, "clients": { "total": 2, "perRound": 1 }, "steps": 10 }""",
        "$.steps", "not a field of a federated scenario (steps belongs to bandit scenarios); remove it")]
    [InlineData("""{ "kind": "bandit", "environment": "bernoulli", "policies": ["ucb1"], "steps": 10, "rounds": 3 }""",
        "$.rounds", "not a field of a bandit scenario (rounds belongs to federated and game scenarios); remove it")]
    [InlineData("""{ "kind": "experiment", "experiment": "model-soup", "dataset": "digits" }""",
        "$.dataset", "not a field of an experiment scenario (dataset belongs to federated, bandit and training scenarios); remove it")]
    [InlineData("""{ "kind": "bandit", "environment": "bernoulli", "policies": ["ucb1"], "steps": 10, "stepz": 10 }""",
        "$.stepz", "unknown field of a bandit scenario; check its spelling against schemas/scenario.schema.json")]
    public void A_field_of_another_kind_is_one_error_naming_the_field_and_the_kinds(string json, string jsonPath, string message)
    {
        // A bandit scenario's clients, privacy and optimization used to validate and be ignored. Nothing else is
        // reported: neither the other kinds' rules (clients.perRound above total) nor their required fields.
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioDocument.Load(Write(json)).Kind).Errors);
        Assert.Equal(jsonPath, error.JsonPath);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Unknown_kind()
    {
        var ex = Fails(Valid.Replace("\"federated\"", "\"federal\""));
        Assert.Contains(ex.Errors, e => e.JsonPath == "$.kind");
    }

    [Fact]
    public void Component_name_that_is_not_kebab_case()
    {
        var ex = Fails(Valid.Replace("\"logistic-regression\"", "\"Logistic Regression\""));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.model", error.JsonPath);
        Assert.Contains("expected a kebab-case name", error.Message);
    }

    [Fact]
    public void Component_of_the_wrong_type()
    {
        var ex = Fails(Valid.Replace("\"logistic-regression\"", "42"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.model", error.JsonPath);
        Assert.Contains("expected a component name (kebab-case string) or an object", error.Message);
    }

    [Fact]
    public void Several_mistakes_are_reported_together()
    {
        var ex = Fails(Valid.Replace("\"rounds\": 2", "\"rounds\": -1").Replace("\"seed\": 1", "\"seed\": -5"));
        Assert.Contains(ex.Errors, e => e.JsonPath == "$.rounds");
        Assert.Contains(ex.Errors, e => e.JsonPath == "$.seed");
    }

    [Fact]
    public void Unregistered_component_lists_the_known_ones()
    {
        var catalog = PluginCatalogLoader.Load(Repo.Manifest);
        var scenario = FederatedScenarioBinder.Load(Write(Valid.Replace("\"model\": \"logistic-regression\",", "\"model\": \"logistic-regression\", \"loss\": \"zloss\",")));
        var ex = Assert.Throws<ScenarioException>(() => ComponentCheck.Run(scenario, catalog));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.loss", error.JsonPath);
        Assert.StartsWith("no loss named 'zloss' is registered; known: ", error.Message);
        Assert.EndsWith("; is its plugin enabled in plugins.json?", error.Message);
        Assert.All(new[] { "cross-entropy", "z-loss", "stablemax", "ldr-kl" }, name => Assert.Contains(name, error.Message)); // the loss zoo's too
    }

    [Fact]
    public void Bad_component_option_names_the_option_path_and_the_file()
    {
        var path = Write(Valid.Replace("\"model\": \"logistic-regression\"", "\"model\": { \"name\": \"mlp\", \"options\": { \"hidden\": \"wide\" } }"));
        var ex = Assert.ThrowsAny<Exception>(() => RunLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1)));
        Assert.IsType<ComponentOptionsException>(ex);
        Assert.True(InputErrors.IsInputError(ex));
        Assert.StartsWith($"{path}: $.model.options.hidden:", InputErrors.Describe(ex, path));
    }

    [Fact]
    public void Unknown_component_option_is_an_error()
    {
        var path = Write(Valid.Replace("\"model\": \"logistic-regression\"", "\"model\": { \"name\": \"mlp\", \"options\": { \"hiden\": [10] } }"));
        var ex = Assert.Throws<ComponentOptionsException>(() => RunLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1)));
        Assert.Contains("hiden", ex.Message);
    }

    [Fact]
    public void Bags_on_a_classification_data_set_is_a_clear_error()
    {
        var path = Write(Valid.Replace("\"rounds\": 2,", "\"rounds\": 2, \"bags\": { \"size\": 5 },"));
        var scenario = FederatedScenarioBinder.Load(path);
        Assert.Equal("bag-level", scenario.Loss.Name); // the default loss with bags
        var ex = Assert.ThrowsAny<Exception>(() => RunLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1)));
        Assert.True(InputErrors.IsInputError(ex));
        Assert.Contains("needs a regression data set such as linear-regression", ex.Message);
    }

    [Fact]
    public void A_classification_loss_with_bags_is_reported_as_unregistered_for_bags()
    {
        var catalog = PluginCatalogLoader.Load(Repo.Manifest);
        var scenario = FederatedScenarioBinder.Load(Write(Valid.Replace("\"rounds\": 2,", "\"rounds\": 2, \"loss\": \"cross-entropy\", \"bags\": { \"size\": 5 },")));
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ComponentCheck.Run(scenario, catalog)).Errors);
        Assert.Equal("$.loss", error.JsonPath);
        Assert.Equal("no bag loss named 'cross-entropy' is registered; known: bag-level, instance-level, interpolating; is its plugin enabled in plugins.json?", error.Message);
    }

    [Theory]
    [InlineData("\"training\": { \"learningRate\": 1e309 }", "$.training.learningRate", "1e309 is out of range for a number")]
    [InlineData("\"training\": { \"learningRate\": -1e400 }", "$.training.learningRate", "-1e400 is out of range for a number")]
    [InlineData("\"partitioner\": { \"name\": \"dirichlet\", \"options\": { \"alpha\": 1e309 } }", "$.partitioner.options.alpha", "numbers must be finite")]
    [InlineData("\"loss\": { \"name\": \"z-loss\", \"options\": { \"a\": [1, -1e999] } }", "$.loss.options.a[1]", "numbers must be finite")]
    public void A_non_finite_number_anywhere_is_refused_at_its_path(string field, string jsonPath, string message)
    {
        // 1e309 used to be read as Infinity: the run completed with NaN losses.
        var error = Assert.Single(Fails(Valid.Replace("\"rounds\": 2,", $"\"rounds\": 2, {field},")).Errors);
        Assert.Equal(jsonPath, error.JsonPath);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("\"name\": \"a\\ud800b\",", "$.name")]
    [InlineData("\"name\": \"\\udfff\",", "$.name")]
    [InlineData("\"loss\": { \"name\": \"z-loss\", \"options\": { \"a\": \"\\ud83d\" } },", "$.loss.options.a")]
    [InlineData("\"\\ud800\": 1,", "$")]
    public void A_lone_surrogate_escape_is_refused_at_its_path(string field, string jsonPath)
    {
        // Used to escape the schema's evaluation as InvalidOperationException (a stack trace, exit code 1).
        var error = Assert.Single(Fails(Valid.Replace("\"seed\": 1,", $"\"seed\": 1, {field}")).Errors);
        Assert.Equal(jsonPath, error.JsonPath);
        Assert.Contains("lone UTF-16 surrogate", error.Message);
        Assert.Contains("write the character itself", error.Message);
    }

    [Fact]
    public void A_surrogate_pair_is_text()
    {
        Assert.Equal("run \U0001F600", FederatedScenarioBinder.Load(Write(Valid.Replace("\"seed\": 1,", "\"seed\": 1, \"name\": \"run \\ud83d\\ude00\",", StringComparison.Ordinal))).Name);
    }

    [Fact]
    public void Names_and_labels_are_at_most_100_characters()
    {
        // A 5,000-character name used to end in PathTooLongException (the run folder is named after it).
        var error = Assert.Single(Fails(Valid.Replace("\"seed\": 1,", $"\"seed\": 1, \"name\": \"{new string('x', 5000)}\",")).Errors);
        Assert.Equal("$.name", error.JsonPath);
        Assert.Contains("at most 100 characters", error.Message);

        error = Assert.Single(Fails(Valid.Replace("\"logistic-regression\"", $"\"{new string('a', 5000)}\"")).Errors);
        Assert.Equal("$.model", error.JsonPath);
        Assert.Contains("at most 100 characters", error.Message);

        var bandit = Write($$"""{ "kind": "bandit", "steps": 10, "environment": "bernoulli", "policies": [ { "name": "ucb1", "label": "{{new string('u', 101)}}" } ] }""");
        var label = Assert.Single(Assert.Throws<ScenarioException>(() => BanditScenarioBinder.Load(bandit)).Errors);
        Assert.Equal("$.policies[0].label", label.JsonPath);
        Assert.Equal(new string('n', 100), FederatedScenarioBinder.Load(Write(Valid.Replace("\"seed\": 1,", $"\"seed\": 1, \"name\": \"{new string('n', 100)}\","))).Name);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/b")]
    [InlineData("a\\\\b")]
    [InlineData("..")]
    public void A_label_that_is_not_a_file_name_is_refused_at_its_path(string label)
    {
        // Labels name files in the run folder (logs/<label>.vw): one with a separator wrote outside it.
        var bandit = Write($$"""{ "kind": "bandit", "steps": 10, "environment": "bernoulli", "policies": [ "ucb1", { "name": "ucb1", "label": "{{label}}" } ] }""");
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => BanditScenarioBinder.Load(bandit)).Errors);
        Assert.Equal("$.policies[1].label", error.JsonPath);
        Assert.Contains("cannot name a file in the run folder", error.Message, StringComparison.Ordinal);

        var game = Write($$"""{ "kind": "game", "game": "matching-pennies", "rounds": 10, "players": [ "hedge", { "name": "hedge", "label": "{{label}}" } ] }""");
        Assert.Equal("$.players[1].label", Assert.Single(Assert.Throws<ScenarioException>(() => GameScenarioBinder.Load(game)).Errors).JsonPath);
    }

    [Theory]
    [InlineData("{\n  \"kind\": \"federated\",\n  \"rounds\": 1,\n  \"rounds\": 2\n}", "$.rounds", "line 3, position 3 and line 4, position 3")]
    [InlineData("{ \"kind\": \"federated\", \"clients\": { \"total\": 1,\n \"total\": 2 } }", "$.clients.total", "line 1, position 37 and line 2, position 2")]
    [InlineData("{ \"policies\": [ \"ucb1\", { \"name\": \"ucb1\", \"name\": \"exp3\" } ] }", "$.policies[1].name", "line 1, position 27 and line 1, position 43")]
    public void A_field_given_twice_names_its_path_and_both_places(string json, string jsonPath, string where)
    {
        // Used to read "line , position :": the parser's exception for a duplicate carries no position.
        var error = Assert.Single(Fails(json).Errors);
        Assert.Equal(jsonPath, error.JsonPath);
        Assert.Equal($"malformed JSON: '{jsonPath.Split('.')[^1]}' is given twice, at {where}; keep one", error.Message);
    }

    [Fact]
    public void A_manifest_field_given_twice_names_its_path()
    {
        var manifest = Write("{ \"plugins\": [ { \"path\": \"a.dll\",\n  \"path\": \"b.dll\" } ] }");
        var ex = Assert.Throws<PluginLoadException>(() => PluginManifestReader.Read(manifest));
        Assert.Equal($"{manifest}: $.plugins[0].path: malformed JSON: 'path' is given twice, at line 1, position 18 and line 2, position 3; keep one", ex.Message);
    }

    [Fact]
    public void A_manifest_with_a_lone_surrogate_names_the_entry()
    {
        // Used to escape as InvalidOperationException from JsonDocument.Parse or JsonElement.GetString.
        var value = Assert.Throws<PluginLoadException>(() => PluginManifestReader.Read(Write("""{ "plugins": [ { "path": "a.dll" }, { "path": "\ud800.dll" } ] }""")));
        Assert.Contains("$.plugins[1]: a field name or value holds a lone UTF-16 surrogate escape", value.Message);
        var name = Assert.Throws<PluginLoadException>(() => PluginManifestReader.Read(Write("""{ "plugins": [ { "\udc00": 1 } ] }""")));
        Assert.Contains("$: a field name or value holds a lone UTF-16 surrogate escape", name.Message);
    }

    private Exception PrepareFails(string scenario) => Assert.ThrowsAny<Exception>(() => RunLauncher.Prepare(new RunRequest(Write(scenario), Repo.Manifest, Dir, 1)));

    [Fact]
    public void A_dirichlet_alpha_out_of_range_names_the_option()
    {
        // Used to be "dirichlet: alpha must be a positive number, got 0", without a path.
        var ex = Assert.IsType<ComponentOptionsException>(PrepareFails(Valid.Replace("\"rounds\": 2,", "\"rounds\": 2, \"partitioner\": { \"name\": \"dirichlet\", \"options\": { \"alpha\": 0 } },")));
        Assert.Equal("$.partitioner.options.alpha", ex.JsonPath);
        Assert.Contains("out of range; allowed: > 0", ex.Message);
    }

    [Fact]
    public void Too_many_clients_for_the_data_names_the_field()
    {
        // Used to be "iid: 1438 rows cannot give each of 100000 clients at least one", without a path.
        var ex = Assert.IsType<ScenarioException>(PrepareFails(Valid.Replace("\"total\": 100", "\"total\": 100000")));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.clients.total", error.JsonPath);
        Assert.Equal("100000 clients, but data set 'digits' has 1438 training rows and every client needs at least one; use at most 1438 clients", error.Message);

        // A partitioner that cannot meet its own constraints points at its block.
        ex = Assert.IsType<ScenarioException>(PrepareFails(Valid.Replace("\"total\": 100", "\"total\": 1000")
            .Replace("\"rounds\": 2,", "\"rounds\": 2, \"partitioner\": { \"name\": \"dirichlet\", \"options\": { \"minSamples\": 5 } },")));
        error = Assert.Single(ex.Errors);
        Assert.Equal("$.partitioner.options", error.JsonPath);
        Assert.Contains("1000 clients x minSamples 5 = 5000 exceeds the 1438 training rows", error.Message);
    }

    [Fact]
    public void A_model_too_large_for_memory_is_refused_before_it_is_allocated()
    {
        // Used to exit 1 with libtorch's 83-line native stack trace ("can't allocate memory: you tried to allocate 256000000000 bytes").
        var mlp = Valid.Replace("\"model\": \"logistic-regression\"", "\"model\": { \"name\": \"mlp\", \"options\": { \"hidden\": [1000000000] } }");
        var ex = Assert.IsType<ComponentOptionsException>(PrepareFails(mlp));
        Assert.Equal("$.model.options.hidden", ex.JsonPath);
        Assert.Contains("mlp: hidden [1000000000] needs 260.0 GB of parameters (65,000,000,000 float32); limit ", ex.Message);
        Assert.DoesNotContain("(Parameter ", ex.Message);

        var training = Write("""{ "kind": "training", "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [100000, 100000] } }, "optimization": { "epochs": 1 } }""");
        var trainingEx = Assert.Throws<ComponentOptionsException>(() => ActorLab.Host.Training.TrainingLauncher.Prepare(new RunRequest(training, Repo.Manifest, Dir, 1)));
        Assert.Equal("$.model.options.hidden", trainingEx.JsonPath);
        Assert.Contains("mlp: hidden [100000, 100000] needs 40.0 GB of parameters", trainingEx.Message);
    }

    [Fact]
    public void A_model_refusing_its_options_while_it_is_built_names_them()
    {
        // Used to escape as ArgumentException from MlpModel.Create (a stack trace, exit code 1).
        var ex = Assert.IsType<ComponentOptionsException>(PrepareFails(Valid.Replace("\"model\": \"logistic-regression\"", "\"model\": { \"name\": \"mlp\", \"options\": { \"ghostBatchSize\": 4 } }")));
        Assert.Equal("$.model.options", ex.JsonPath);
        Assert.Contains("ghostBatchSize must be 0 (whole batch) or positive with batchNorm true", ex.Message);
    }

    [Fact]
    public void Bernoulli_means_must_be_probabilities_and_at_least_one()
    {
        // [1.5, -2] and [] used to run.
        var catalog = PluginCatalogLoader.Load(Repo.Manifest);
        ComponentOptionsException Refused(string options) => Assert.Throws<ComponentOptionsException>(() => ActorLab.Host.Bandits.BanditLauncher.Prepare(
            Write($$"""{ "kind": "bandit", "steps": 10, "repetitions": 1, "environment": { "name": "{{options.Split('|')[0]}}", "options": { {{options.Split('|')[1]}} } }, "policies": [ "ucb1" ] }"""), catalog));

        var ex = Refused("bernoulli|\"means\": [1.5, -2]");
        Assert.Equal("$.environment.options.means", ex.JsonPath);
        Assert.Contains("option 'means' = [1.5, -2] is out of range; allowed: [0, 1], at least 1 element", ex.Message);
        ex = Refused("bernoulli|\"means\": []");
        Assert.Equal("$.environment.options.means", ex.JsonPath);
        Assert.Contains("option 'means' = [] is too short; allowed: [0, 1], at least 1 element", ex.Message);
        Assert.Equal("$.environment.options.arms", Refused("bernoulli|\"arms\": 0").JsonPath);
        Assert.Equal("$.environment.options.sigma", Refused("bernoulli|\"sigma\": 2").JsonPath); // Bernoulli arms have no noise to set
        Assert.Equal("$.environment.options.means", Refused("gaussian|\"means\": []").JsonPath);
        Assert.Equal("$.environment.options.arms", Refused("anti-ucb1|\"arms\": 300").JsonPath);

        // Gaussian means are any finite numbers: this one prepares.
        ActorLab.Host.Bandits.BanditLauncher.Prepare(Write("""{ "kind": "bandit", "steps": 10, "repetitions": 1, "environment": { "name": "gaussian", "options": { "means": [5, -3] } }, "policies": [ "ucb1" ] }"""), catalog);
    }

    [Fact]
    public void A_neural_policy_too_wide_for_one_weight_matrix_names_its_hidden_option()
    {
        // Used to escape as OverflowException (a stack trace, exit code 1) while the policy's network was allocated.
        var bandit = Write("""
            { "kind": "bandit", "dataset": "digits", "environment": { "name": "classification" },
              "policies": [ "linucb", { "name": "neufastcb", "options": { "hidden": 2000000000 } } ], "steps": 10, "repetitions": 1 }
            """);
        var ex = Assert.Throws<ComponentOptionsException>(() => ActorLab.Host.Bandits.BanditLauncher.Prepare(bandit, PluginCatalogLoader.Load(Repo.Manifest)));
        Assert.Equal("$.policies[1].options.hidden", ex.JsonPath);
        Assert.Contains("hidden 2000000000 with 64 inputs and 10 arms needs 128,000,000,000 weights in one matrix", ex.Message);
    }

    [Fact]
    public void Missing_file()
    {
        var ex = Assert.Throws<ScenarioException>(() => FederatedScenarioBinder.Load(Path.Combine(Dir, "nope.json")));
        Assert.EndsWith("nope.json: $: file not found", ex.Message);
    }

    [Fact]
    public void Missing_dataset_files_name_the_scenario_and_the_package()
    {
        var manifest = PluginCompiler.WriteManifest(Dir, PluginCompiler.CorePluginEntry.Replace("\"config\": {", "\"config\": { \"fashionMnistDirectory\": \"/nonexistent\","));
        var path = Write(Valid.Replace("\"digits\"", "\"fashion-mnist\""));
        var ex = Assert.ThrowsAny<Exception>(() => RunLauncher.Prepare(new RunRequest(path, manifest, Dir, 1) { AllowExternalPlugins = true }));
        Assert.True(InputErrors.IsInputError(ex));
        Assert.Contains("apt-get install dataset-fashion-mnist", InputErrors.Describe(ex, path));
        _ = ComponentOptions.Empty;
    }
}
