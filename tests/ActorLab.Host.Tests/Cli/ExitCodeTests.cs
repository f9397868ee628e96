using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Cli;

/// <summary>
/// <c>actorlab run</c> exits with 2 for input the user can fix and with 1 for a run that failed, for every kind, and
/// <c>--quiet</c> silences progress, never errors or the result. Through the program, as a user runs it.
/// </summary>
public sealed class ExitCodeTests : TempDirectoryTest
{
    private const string ThrowingComponents = """
        using System;
        using System.Collections.Generic;
        using ActorLab.Contracts.Bandits;
        using ActorLab.Contracts.Experiments;
        using ActorLab.Contracts.Federated;
        using ActorLab.Contracts.Games;
        using ActorLab.Contracts.Losses;
        using ActorLab.Contracts.Models;
        using ActorLab.Contracts.Plugins;
        using TorchSharp;
        public sealed class Entry : IActorLabPlugin
        {
            public void Register(IComponentRegistry registry, PluginContext context)
            {
                registry.AddStrategy("throwing-strategy", _ => new Throwing());
                registry.AddBanditPolicy("throwing-policy", _ => new Throwing());
                registry.AddGameAgent("throwing-agent", _ => new Throwing());
                registry.AddLoss("throwing-loss", _ => new Throwing());
                registry.AddExperiment("throwing-experiment", _ => new Throwing());
                registry.AddModel("oversized-model", _ => new Oversized());
            }
        }
        public sealed class Oversized : IModelFactory
        {
            // 2^50 weights: more than any address space, so libtorch's allocation fails under every overcommit policy.
            public torch.nn.Module<torch.Tensor, torch.Tensor> Create(ModelShape shape) => torch.nn.Linear(1L << 40, 1L << 10);
        }
        public sealed class Throwing : IAggregationStrategy, IBanditPolicy, IGameAgent, ILoss, IExperiment
        {
            private static Exception Bug() => new InvalidOperationException("component bug");
            public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) => throw Bug();
            public void Reset(BanditSetup setup) { }
            public int Select(long step, ReadOnlySpan<float> context, out double propensity) => throw Bug();
            public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) { }
            public void Reset(AgentSetup setup) { }
            public void Strategy(long round, Span<double> strategy) => throw Bug();
            public void Observe(long round, ReadOnlySpan<double> losses) { }
            public void ObserveBandit(long round, int action, double loss, double probability) { }
            public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets) => throw Bug();
            public ExperimentResult Run(ExperimentContext context) => throw Bug();
        }
        """;

    private readonly string _manifest;

    public ExitCodeTests()
        : base("exit-codes")
    {
        PluginCompiler.Compile(Path.Combine(Dir, "throwing"), "Throwing", ThrowingComponents);
        string Built(string plugin) => $$"""{ "path": "{{Repo.Path("build", "plugins", plugin, plugin + ".dll")}}" }""";
        _manifest = PluginCompiler.WriteManifest(Dir, PluginCompiler.CorePluginEntry, Built("ActorLab.Plugins.Bandits"), Built("ActorLab.Plugins.Games"),
            """{ "path": "throwing/Throwing.dll" }""");
    }

    public static TheoryData<string, string> BadInput => new()
    {
        { """{ "kind": "federated", "dataset": "digits", "model": "no-such-model", "rounds": 1, "clients": { "total": 2, "perRound": 1 } }""", "$.model" },
        { """{ "kind": "bandit", "environment": "bernoulli", "policies": ["ucb1"], "steps": -5 }""", "$.steps" },
        { """{ "kind": "game", "game": "no-such-game", "players": ["hedge", "regret-matching"], "rounds": 10 }""", "$.game" },
        { """{ "kind": "training", "dataset": "digits", "model": "no-such-model", "optimization": { "epochs": 1 } }""", "$.model" },
        { """{ "kind": "experiment", "experiment": "no-such-experiment" }""", "$.experiment" },

        // Inputs that used to slip through: each ran (to NaN losses, or with out-of-range means) or ended in a stack trace.
        { Federated("\"training\": { \"learningRate\": 1e309 }"), "$.training.learningRate" },
        { Federated(model: """{ "name": "mlp", "options": { "hidden": [1000000000] } }"""), "$.model.options.hidden" },
        { Federated(model: "\"oversized-model\""), "$.model" },
        { Federated("\"name\": \"a\\ud800\""), "$.name" },
        { Federated($"\"name\": \"{new string('x', 5000)}\""), "$.name" },
        { Federated("\"partitioner\": { \"name\": \"dirichlet\", \"options\": { \"alpha\": 0 } }"), "$.partitioner.options.alpha" },
        { Federated("\"rounds\": 3"), "$.rounds" },
        { Federated("\"seed\": 1").Replace("\"total\": 2", "\"total\": 100000", StringComparison.Ordinal), "$.clients.total" },
        { """{ "kind": "bandit", "environment": { "name": "bernoulli", "options": { "means": [1.5, -2] } }, "policies": ["ucb1"], "steps": 10 }""", "$.environment.options.means" },
    };

    private static string Federated(string field = "\"seed\": 1", string model = "\"logistic-regression\"") =>
        $$"""{ "kind": "federated", "dataset": "digits", "model": {{model}}, "rounds": 1, "clients": { "total": 2, "perRound": 1 }, {{field}} }""";

    public static TheoryData<string> FailingRuns => new()
    {
        """{ "kind": "federated", "dataset": "digits", "model": "logistic-regression", "strategy": "throwing-strategy", "rounds": 2, "clients": { "total": 4, "perRound": 2 } }""",
        """{ "kind": "bandit", "environment": { "name": "bernoulli", "options": { "means": [0.5, 0.4] } }, "policies": ["throwing-policy"], "steps": 100 }""",
        """{ "kind": "game", "game": "rock-paper-scissors", "players": ["hedge", "throwing-agent"], "rounds": 100, "repetitions": 1 }""",
        """{ "kind": "training", "dataset": "digits", "model": "logistic-regression", "loss": "throwing-loss", "optimization": { "epochs": 1 } }""",
        """{ "kind": "experiment", "experiment": "throwing-experiment" }""",
    };

    public static TheoryData<string, string> QuietRuns => new()
    {
        { """{ "kind": "federated", "dataset": "digits", "model": "logistic-regression", "rounds": 2, "clients": { "total": 4, "perRound": 2 } }""", "final test accuracy" },
        { """{ "kind": "bandit", "environment": { "name": "bernoulli", "options": { "means": [0.5, 0.4] } }, "policies": ["ucb1"], "steps": 1000, "repetitions": 2 }""", "pseudo-regret" },
        { """{ "kind": "game", "game": "rock-paper-scissors", "players": ["hedge", "regret-matching"], "rounds": 1000, "repetitions": 2 }""", "rounds/s; results in" },
        { """{ "kind": "training", "dataset": "digits", "model": "logistic-regression", "optimization": { "epochs": 2 } }""", "final test accuracy" },
    };

    private Support.Cli.Result Run(string scenarioJson, params string[] options)
    {
        var scenario = Path.Combine(Dir, $"s-{Guid.NewGuid():N}.json");
        File.WriteAllText(scenario, scenarioJson);
        return Support.Cli.Run(Dir, null, ["run", scenario, "--plugins", _manifest, "--allow-external-plugins", "--output", Path.Combine(Dir, "runs"), .. options]);
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_of_every_kind_exits_with_2_and_names_the_file_and_field(string scenarioJson, string field)
    {
        var result = Run(scenarioJson, "--quiet");
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}: {result.Stderr}");
        Assert.Matches($@"^error: .*s-\w+\.json: {System.Text.RegularExpressions.Regex.Escape(field)}: ", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Equal("", result.Stdout);
    }

    public static TheoryData<string, string, string> FieldsOfAnotherKind => new()
    {
        { """{ "kind": "bandit", "environment": "bernoulli", "policies": ["ucb1"], "steps": 10, "clients": { "total": 2, "perRound": 1 } }""", "$.clients", "bandit" },
        { """{ "kind": "game", "game": "matching-pennies", "players": ["hedge", "hedge"], "rounds": 10, "optimization": { "epochs": 1 } }""", "$.optimization", "game" },
        { """{ "kind": "training", "dataset": "digits", "model": "logistic-regression", "optimization": { "epochs": 1 }, "policies": ["ucb1"] }""", "$.policies", "training" },
        { Federated("\"hindsight\": true"), "$.hindsight", "federated" },
    };

    [Theory]
    [MemberData(nameof(FieldsOfAnotherKind))]
    public void A_field_of_another_kind_exits_with_2_and_names_the_field_and_the_kind(string scenarioJson, string field, string kind)
    {
        // Such fields used to validate and be ignored silently.
        var result = Run(scenarioJson, "--quiet");
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}: {result.Stderr}");
        Assert.Matches($@"^error: .*s-\w+\.json: {System.Text.RegularExpressions.Regex.Escape(field)}: not a field of a {kind} scenario \(", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void An_unknown_option_is_refused_with_2_rather_than_ignored()
    {
        var result = Support.Cli.Run(Dir, null, "run", Repo.Path("scenarios", "bandit-quickstart.json"), "--plugins", _manifest, "--worker", "2");
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}: {result.Stderr}");
        Assert.Contains("Unknown option 'worker'", result.Stderr + result.Stdout);
    }

    [Fact]
    public void Bad_options_exit_with_2()
    {
        var scenario = Repo.Path("scenarios", "bandit-quickstart.json");
        foreach (var options in new[] { new[] { "--workers", "0" }, ["--prometheus-port", "0"], ["--prometheus-linger", "1"] })
        {
            var result = Support.Cli.Run(Dir, null, ["run", scenario, "--plugins", _manifest, .. options]);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', options)}: exit code {result.ExitCode}: {result.Stderr}");
            Assert.StartsWith($"error: {options[0]} ", result.Stderr);
        }
    }

    [Theory]
    [MemberData(nameof(FailingRuns))]
    public void A_failed_run_of_every_kind_exits_with_1_and_says_why_even_when_quiet(string scenarioJson)
    {
        var result = Run(scenarioJson, "--quiet");
        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}: {result.Stderr}");
        Assert.Contains("run failed:", result.Stderr);
        Assert.Contains("component bug", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(QuietRuns))]
    public void Quiet_silences_progress_but_not_the_result(string scenarioJson, string result)
    {
        var loud = Run(scenarioJson);
        Assert.Equal(0, loud.ExitCode);
        Assert.NotEqual("", loud.Stderr.Trim());
        var quiet = Run(scenarioJson, "--quiet");
        Assert.True(quiet.ExitCode == 0, quiet.Stderr);
        Assert.Equal("", quiet.Stderr);
        Assert.Contains(result, quiet.Stdout);
    }
}
