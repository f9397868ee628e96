using ActorLab.Contracts.Plugins;
using ActorLab.Host.AgentTraining;
using ActorLab.Host.Bandits;
using ActorLab.Host.Experiments;
using ActorLab.Host.Federated;
using ActorLab.Host.Games;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Tests.Support;
using ActorLab.Host.Training;
using Xunit;

namespace ActorLab.Host.Tests.Scenarios;

/// <summary>Every kind checks its components with one checker and one message.</summary>
public sealed class ComponentCheckTests() : TempDirectoryTest("component-check")
{
    private const string Hint = "; is its plugin enabled in plugins.json?";

    private BoundScenario Bind(string json)
    {
        var path = Path.Combine(Dir, "x.json");
        File.WriteAllText(path, json);
        var document = ScenarioDocument.Load(path);
        return document.Kind switch
        {
            "federated" => FederatedScenarioBinder.Bind(document),
            "bandit" => BanditScenarioBinder.Bind(document),
            "game" => GameScenarioBinder.Bind(document),
            "training" => TrainingScenarioBinder.Bind(document),
            "experiment" => ExperimentScenarioBinder.Bind(document),
            "agent-training" => AgentTrainingScenarioBinder.Bind(document),
            var other => throw new InvalidOperationException(other),
        };
    }

    [Theory]
    [InlineData("""{ "kind": "federated", "dataset": "digits", "model": "mlp", "strategy": "nope", "rounds": 1, "clients": { "total": 4, "perRound": 2 } }""", "$.strategy", "strategy")]
    [InlineData("""{ "kind": "bandit", "environment": "bernoulli", "policies": [ "ucb1", { "name": "nope", "label": "x" } ], "steps": 10 }""", "$.policies[1].name", "bandit policy")]
    [InlineData("""{ "kind": "game", "game": "nope", "players": [ "hedge", { "name": "hedge", "label": "hedge-2" } ], "rounds": 10 }""", "$.game", "game")]
    [InlineData("""{ "kind": "training", "dataset": "digits", "model": "mlp", "optimizer": { "name": "nope" }, "optimization": { "epochs": 1 } }""", "$.optimizer.name", "optimizer")]
    [InlineData("""{ "kind": "experiment", "experiment": "nope" }""", "$.experiment", "experiment")]
    [InlineData("""{ "kind": "agent-training", "trainer": "nope", "output": "x.pt" }""", "$.trainer", "agent trainer")]
    public void A_missing_component_of_any_kind_is_reported_in_one_wording(string json, string path, string contract)
    {
        var scenario = Bind(json);
        var errors = Assert.Throws<ScenarioException>(() => ComponentCheck.Run(scenario, RepoCatalog.Catalog)).Errors;
        var error = Assert.Single(errors, e => e.Message.Contains("'nope'", StringComparison.Ordinal));
        Assert.Equal(path, error.JsonPath);
        Assert.StartsWith($"no {contract} named 'nope' is registered; known: ", error.Message);
        Assert.EndsWith(Hint, error.Message);
        Assert.DoesNotContain("known: none", error.Message); // the repo's plugins register some of each
    }

    [Fact]
    public void A_contract_no_plugin_registers_says_none_and_asks_about_the_plugin()
    {
        var scenario = Bind("""{ "kind": "experiment", "experiment": "label-noise" }""");
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ComponentCheck.Run(scenario, new PluginCatalog())).Errors);
        Assert.Equal("no experiment named 'label-noise' is registered; known: none" + Hint, error.Message);
    }

    [Fact]
    public void Every_missing_name_is_reported_before_any_options_are_checked()
    {
        const string BadOptions = """{ "name": "epsilon-greedy", "options": { "epsilon": "wide" } }""";
        var scenario = Bind($$"""{ "kind": "bandit", "environment": "nope-env", "policies": [ {{BadOptions}}, "nope" ], "steps": 10 }""");
        var errors = Assert.Throws<ScenarioException>(() => ComponentCheck.Run(scenario, RepoCatalog.Catalog)).Errors;
        Assert.Equal(["$.environment", "$.policies[1]"], errors.Select(e => e.JsonPath));
        Assert.All(errors, e => Assert.EndsWith(Hint, e.Message));

        var named = Bind($$"""{ "kind": "bandit", "environment": "bernoulli", "policies": [ {{BadOptions}} ], "steps": 10 }""");
        Assert.Equal("$.policies[0].options.epsilon", Assert.Throws<ComponentOptionsException>(() => ComponentCheck.Run(named, RepoCatalog.Catalog)).JsonPath);
    }
}
