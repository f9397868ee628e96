using System.Text.Json.Nodes;
using ActorLab.Host.Sweeps;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Sweeps;

/// <summary><c>actorlab sweep</c> over bandit, game and training scenarios: each compares its kind's headline.</summary>
public sealed class KindSweepTests() : TempDirectoryTest("kind-sweep")
{
    private (string Folder, string[] Comparison) Sweep(string scenarioJson, params string[] axes)
    {
        var scenario = Path.Combine(Dir, "base.json");
        File.WriteAllText(scenario, scenarioJson);
        var result = Support.Cli.Run(Dir, null, ["sweep", scenario, .. axes.SelectMany(a => new[] { "--set", a }), "--seeds", "2", "--plugins", Repo.Manifest, "-o", "sweeps", "--workers", "2"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(Dir, "sweeps"), "sweep-*"));
        Assert.True(new FileInfo(Path.Combine(folder, "comparison.png")).Length > 1000);
        return (folder, File.ReadAllLines(Path.Combine(folder, "comparison.csv")));
    }

    private static double Column(string[] csv, int row, string column) =>
        double.Parse(csv[row].Split(',')[Array.IndexOf(csv[0].Split(','), column)], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_bandit_sweep_over_the_first_policys_epsilon_compares_pseudo_regret()
    {
        var (_, comparison) = Sweep("""
            { "kind": "bandit", "name": "eps", "seed": 1, "environment": { "name": "bernoulli", "options": { "means": [0.9, 0.5, 0.1] } },
              "policies": [ { "name": "epsilon-greedy", "options": { "epsilon": 0.1 }, "label": "eps" }, "ucb1" ],
              "steps": 2000, "repetitions": 4, "batchSize": 500, "checkpoints": 4 }
            """, "policies[0].options.epsilon=0.02,0.5");
        Assert.Equal("policies[0].options.epsilon,runs,pseudo_regret[eps]_mean,pseudo_regret[eps]_std,pseudo_regret[ucb1]_mean,pseudo_regret[ucb1]_std", comparison[0]);
        Assert.Equal(3, comparison.Length);
        // More exploration of two bad arms costs regret; ucb1 is untouched by the axis.
        Assert.True(Column(comparison, 2, "pseudo_regret[eps]_mean") > Column(comparison, 1, "pseudo_regret[eps]_mean"), string.Join('\n', comparison));
        Assert.Equal(Column(comparison, 1, "pseudo_regret[ucb1]_mean"), Column(comparison, 2, "pseudo_regret[ucb1]_mean"));
    }

    [Fact]
    public void A_game_sweep_over_an_agent_compares_external_regret()
    {
        var (_, comparison) = Sweep("""
            { "kind": "game", "name": "rps", "seed": 1, "game": "rock-paper-scissors", "players": [ "hedge", { "name": "hedge", "label": "rival" } ],
              "rounds": 400, "repetitions": 2, "batchSize": 100, "checkpoints": 4 }
            """, "players[0]=hedge,uniform");
        Assert.Equal(3, comparison.Length);
        Assert.StartsWith("players[0],runs,external_regret[", comparison[0], StringComparison.Ordinal);
        Assert.Contains(",uniform,", "," + comparison[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_training_sweep_over_the_learning_rate_compares_test_accuracy()
    {
        var (folder, comparison) = Sweep("""
            { "kind": "training", "name": "lr", "seed": 1, "dataset": "digits", "model": "logistic-regression",
              "optimization": { "epochs": 2, "batchSize": 64, "learningRate": 0.05 } }
            """, "optimization.learningRate=0.01,0.3");
        Assert.Equal("optimization.learningRate,runs,final_accuracy_mean,final_accuracy_std,final_test_loss_mean,final_test_loss_std", comparison[0]);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(folder, "sweep.csv")).Length);
    }

    [Fact]
    public void An_axis_a_component_ignores_is_refused_and_leaves_no_sweep_folder()
    {
        var scenario = Path.Combine(Dir, "ignored.json");
        File.WriteAllText(scenario, """
            { "kind": "bandit", "name": "ignored", "environment": { "name": "bernoulli", "options": { "means": [0.9, 0.1] } },
              "policies": [ "ucb1" ], "steps": 100, "repetitions": 1 }
            """);
        var result = Support.Cli.Run(Dir, null, "sweep", scenario, "--set", "policies[0].options.epsilon=0.05,0.1", "--plugins", Repo.Manifest, "-o", "sweeps");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.policies[0].options.epsilon: bandit policy 'ucb1' takes no options and ignores 'epsilon'", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Dir, "sweeps")) && Directory.EnumerateFileSystemEntries(Path.Combine(Dir, "sweeps")).Any());
    }

    [Fact]
    public void Axes_reach_list_items_and_name_a_missing_one()
    {
        var axis = SweepGrid.ParseAxis("policies[1].options.epsilon=0.2");
        Assert.Equal(["policies", "[1]", "options", "epsilon"], axis.Segments);
        var json = JsonNode.Parse(SweepGrid.Apply("""{ "policies": [ "ucb1", "epsilon-greedy" ] }""", SweepGrid.Points([axis])[0], seed: 3, name: "x"))!;
        Assert.Equal("ucb1", json["policies"]![0]!.GetValue<string>());
        Assert.Equal("epsilon-greedy", json["policies"]![1]!["name"]!.GetValue<string>());
        Assert.Equal(0.2, json["policies"]![1]!["options"]!["epsilon"]!.GetValue<double>());

        var replaced = JsonNode.Parse(SweepGrid.Apply("""{ "players": [ "hedge", "hedge" ] }""", SweepGrid.Points([SweepGrid.ParseAxis("players[0]=uniform")])[0], 1, "y"))!;
        Assert.Equal("uniform", replaced["players"]![0]!.GetValue<string>());

        var missing = Assert.Throws<ArgumentException>(() => SweepGrid.Apply("""{ "policies": [ "ucb1" ] }""", SweepGrid.Points([axis])[0], 3, "x"));
        Assert.Contains("the scenario's policies has 1 item(s), so index 1 does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SweepGrid.ParseAxis("policies[x].name=a"));
    }
}
