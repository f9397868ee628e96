using ActorLab.Contracts.Plugins;
using ActorLab.Host.Cli;
using ActorLab.Host.Experiments;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
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

    private ScenarioException Fails(string json) => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Write(json)));

    [Fact]
    public void A_valid_scenario_loads_with_defaults_filled_in()
    {
        var scenario = ScenarioLoader.Load(Write(Valid));
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
            if (ScenarioLoader.KindOf(file) == "bandit")
            {
                ScenarioLoader.LoadBandit(file);
            }
            else if (ScenarioLoader.KindOf(file) == "game")
            {
                ScenarioLoader.LoadGame(file);
            }
            else if (ScenarioLoader.KindOf(file) == "agent-training")
            {
                ScenarioLoader.LoadAgentTraining(file);
            }
            else if (ScenarioLoader.KindOf(file) == "training")
            {
                ScenarioLoader.LoadTraining(file);
            }
            else if (ScenarioLoader.KindOf(file) == "experiment")
            {
                ExperimentLauncher.Prepare(new RunRequest(file, Repo.Manifest, Path.GetTempPath(), 1)); // builds it: its options are checked too
            }
            else
            {
                ScenarioLoader.Load(file);
            }
        }
    }

    [Fact]
    public void Per_round_above_total_uses_the_cross_field_message()
    {
        var path = Write(Valid.Replace("\"perRound\": 10", "\"perRound\": 0"));
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
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
        var scenario = ScenarioLoader.Load(Write(Valid.Replace("\"model\": \"logistic-regression\",", "\"model\": \"logistic-regression\", \"loss\": \"zloss\",")));
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.CheckComponents(scenario, catalog));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.loss", error.JsonPath);
        Assert.Contains("no loss named 'zloss' is registered; known: ", error.Message);
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
        var scenario = ScenarioLoader.Load(path);
        Assert.Equal("bag-level", scenario.Loss.Name); // the default loss with bags
        var ex = Assert.ThrowsAny<Exception>(() => RunLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1)));
        Assert.True(InputErrors.IsInputError(ex));
        Assert.Contains("needs a regression data set such as linear-regression", ex.Message);
    }

    [Fact]
    public void A_classification_loss_with_bags_is_reported_as_unregistered_for_bags()
    {
        var catalog = PluginCatalogLoader.Load(Repo.Manifest);
        var scenario = ScenarioLoader.Load(Write(Valid.Replace("\"rounds\": 2,", "\"rounds\": 2, \"loss\": \"cross-entropy\", \"bags\": { \"size\": 5 },")));
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.CheckComponents(scenario, catalog)).Errors);
        Assert.Equal("$.loss", error.JsonPath);
        Assert.Contains("no bag loss named 'cross-entropy' is registered; known: bag-level, instance-level, interpolating", error.Message);
    }

    [Fact]
    public void Missing_file()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Path.Combine(Dir, "nope.json")));
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
