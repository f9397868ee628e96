using ActorLab.Contracts.Plugins;
using ActorLab.Host.Cli;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Options;

/// <summary>
/// Acceptance: a scenario's options are checked against the component's declared options record, and each
/// mistake's message names the file, the JSON path, the component, the option and what is allowed.
/// </summary>
public sealed class TypedOptionsTests() : TempDirectoryTest("typed-options")
{
    private string Scenario(string components)
    {
        var path = Path.Combine(Dir, "options.json");
        // A duplicate key is malformed JSON (refused before any option is looked at): the default model only when none is given.
        var model = components.Contains("\"model\"", StringComparison.Ordinal) ? "" : "\"model\": \"logistic-regression\",";
        File.WriteAllText(path, $$"""
            {
              "kind": "federated",
              "seed": 1,
              "dataset": "digits",
              {{model}}
              {{components}},
              "rounds": 1,
              "clients": { "total": 4, "perRound": 2 }
            }
            """);
        return path;
    }

    private string Error(string components)
    {
        var path = Scenario(components);
        var ex = Assert.ThrowsAny<Exception>(() => RunLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1)));
        Assert.IsType<ComponentOptionsException>(ex);
        Assert.True(InputErrors.IsInputError(ex));
        var message = InputErrors.Describe(ex, path);
        Assert.StartsWith($"{path}: ", message);
        return message;
    }

    [Fact]
    public void A_wrong_type_names_path_component_option_and_expected_type()
    {
        var message = Error("""
            "strategy": { "name": "fedprox", "options": { "mu": "small" } }
            """);
        Assert.Contains("$.strategy.options.mu: strategy 'fedprox': option 'mu' expects a number, got \"small\"", message);
    }

    [Fact]
    public void An_unknown_option_suggests_the_nearest_and_lists_the_options()
    {
        var message = Error("""
            "loss": { "name": "label-smoothing", "options": { "epsilom": 0.1 } }
            """);
        Assert.Contains("$.loss.options.epsilom: loss 'label-smoothing' has no option 'epsilom'; did you mean 'epsilon'? (its options: epsilon)", message);
    }

    [Fact]
    public void An_out_of_range_value_names_the_allowed_range()
    {
        var message = Error("""
            "loss": { "name": "label-smoothing", "options": { "epsilon": 1.5 } }
            """);
        Assert.Contains("$.loss.options.epsilon: loss 'label-smoothing': option 'epsilon' = 1.5 is out of range; allowed: [0, 1]", message);
    }

    [Fact]
    public void Exclusive_bounds_and_array_elements_are_checked()
    {
        Assert.Contains("strategy 'trimmed-mean': option 'beta' = 0.5 is out of range; allowed: [0, 0.5)", Error("""
            "strategy": { "name": "trimmed-mean", "options": { "beta": 0.5 } }
            """));
        Assert.Contains("$.model.options.hidden: model 'mlp': option 'hidden' = [16, 0] is out of range; allowed: >= 1", Error("""
            "model": { "name": "mlp", "options": { "hidden": [16, 0] } }
            """));
    }

    /// <summary>Options for the checks below, not a plugin's.</summary>
    public sealed record SizedOptions
    {
        /// <summary>A float option: 1e39 is finite as a double but Infinity as a float.</summary>
        public float Scale { get; init; } = 1;

        /// <summary>At least two widths.</summary>
        [System.ComponentModel.DataAnnotations.MinLength(2)]
        public int[] Widths { get; init; } = [1, 1];
    }

    [Fact]
    public void A_float_option_that_overflows_to_infinity_is_out_of_range()
    {
        // Used to bind as float.PositiveInfinity.
        var options = new ComponentOptions(System.Text.Json.JsonDocument.Parse("""{ "scale": 1e39 }""").RootElement, "$.loss.options");
        var ex = Assert.Throws<ComponentOptionsException>(() => ActorLab.Host.Plugins.Options.OptionsBinder.Check(typeof(SizedOptions), options, "loss 'sized'"));
        Assert.Equal("$.loss.options.scale: loss 'sized': option 'scale' = 1e39 is out of range for a number; numbers must be finite", ex.Message);
    }

    [Fact]
    public void A_min_length_bounds_an_array_option()
    {
        var options = new ComponentOptions(System.Text.Json.JsonDocument.Parse("""{ "widths": [3] }""").RootElement, "$.model.options");
        var ex = Assert.Throws<ComponentOptionsException>(() => ActorLab.Host.Plugins.Options.OptionsBinder.Check(typeof(SizedOptions), options, "model 'sized'"));
        Assert.Equal("$.model.options.widths: model 'sized': option 'widths' = [3] is too short; allowed: at least 2 elements", ex.Message);
        var widths = Assert.Single(ActorLab.Host.Plugins.Options.OptionsDescription.Of(typeof(SizedOptions)), o => o.Name == "widths");
        Assert.Equal(2, ActorLab.Host.Plugins.Options.OptionsSchema.Of(widths)["minItems"]!.GetValue<int>());
    }

    [Fact]
    public void Valid_options_bind_to_the_record()
    {
        var path = Scenario("""
            "loss": { "name": "label-smoothing", "options": { "epsilon": 0.1 } },
            "strategy": { "name": "fedprox", "options": { "mu": 0.5 } }
            """);
        var (scenario, plan) = RunLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1));
        Assert.Equal("label-smoothing", scenario.Loss.Name);
        Assert.Equal("FedProx", plan.Catalog.Create<ActorLab.Contracts.Federated.IAggregationStrategy>("fedprox", scenario.Strategy.Options).GetType().Name);
    }
}
