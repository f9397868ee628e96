using System.Globalization;
using ActorLab.Host.Bandits;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Bandits;

/// <summary>The bandit kind through the actors: results, determinism, policies facing the same draws, errors.</summary>
public sealed class BanditRunTests() : TempDirectoryTest("bandit")
{
    private const string Scenario = """
        {
          "name": "small-bandit",
          "kind": "bandit",
          "seed": 3,
          "environment": { "name": "bernoulli", "options": { "means": [0.8, 0.5, 0.2] } },
          "policies": [ "ucb1", "thompson", { "name": "ucb1", "label": "ucb1-again" } ],
          "steps": 5000,
          "repetitions": 6,
          "batchSize": 700,
          "checkpoints": 5
        }
        """;

    private Task<BanditSummary> Run(string json, int workers) => BanditRuns.RunAsync(Dir, json, workers);

    [Fact]
    public async Task A_bandit_run_writes_curves_with_intervals_and_is_deterministic_with_any_thread_count()
    {
        var first = await Run(Scenario, workers: 2);
        var second = await Run(Scenario, workers: 1);
        Assert.Equal("completed", first.Status);
        var regret = File.ReadAllLines(Path.Combine(first.RunDirectory, "regret.csv"));
        Assert.Equal(1 + 3 * 5, regret.Length); // header + 3 policies x 5 checkpoints
        Assert.Equal(regret, File.ReadAllLines(Path.Combine(second.RunDirectory, "regret.csv")));
        Assert.True(File.Exists(Path.Combine(first.RunDirectory, "regret.png")));
        Assert.Equal(3 * 3 + 1, File.ReadAllLines(Path.Combine(first.RunDirectory, "pulls.csv")).Length);
        Assert.Equal(6L * 3 * 5000, first.TotalSteps);

        // Two copies of the same deterministic policy face the same draws in every repetition: identical curves.
        string Curve(string policy) => string.Join('\n', regret.Where(l => l.StartsWith(policy + ",", StringComparison.Ordinal)).Select(l => l[(policy.Length + 1)..]));
        Assert.Equal(Curve("ucb1"), Curve("ucb1-again"));
        Assert.NotEqual(Curve("ucb1"), Curve("thompson"));

        // Regret grows along the curve, and the interval is a real spread over repetitions.
        var ucb = regret.Where(l => l.StartsWith("ucb1,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        var means = ucb.Select(c => double.Parse(c[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(means.Order(), means);
        Assert.True(double.Parse(ucb[^1][3], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task The_plain_loop_baseline_is_reported_when_asked()
    {
        var summary = await Run(Scenario.Replace("\"checkpoints\": 5", "\"checkpoints\": 5, \"baseline\": true"), workers: 2);
        Assert.True(summary.BaselineStepsPerSecond > 0);
        Assert.True(summary.StepsPerSecond > 0);
    }

    [Fact]
    public void Bandit_scenario_mistakes_name_the_path()
    {
        var path = Path.Combine(Dir, "bad.json");
        File.WriteAllText(path, Scenario.Replace("\"steps\": 5000,", ""));
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => BanditScenarioBinder.Load(path)).Errors);
        Assert.Contains("steps", error.Message);

        File.WriteAllText(path, Scenario.Replace("\"label\": \"ucb1-again\"", "\"label\": \"thompson\""));
        Assert.Contains("two policies are labelled 'thompson'", Assert.Throws<ScenarioException>(() => BanditScenarioBinder.Load(path)).Message);

        File.WriteAllText(path, Scenario.Replace("\"thompson\",", "\"thomson\","));
        var request = new RunRequest(path, Repo.Manifest, Dir, 1);
        var unknown = Assert.Single(Assert.Throws<ScenarioException>(() => BanditLauncher.Prepare(request)).Errors);
        Assert.Equal("$.policies[1]", unknown.JsonPath);
        Assert.Contains("no bandit policy named 'thomson'", unknown.Message);
    }

    [Fact]
    public void The_cli_runs_a_bandit_scenario()
    {
        var path = Path.Combine(Dir, "cli.json");
        File.WriteAllText(path, Scenario);
        var result = Support.Cli.Run(Repo.Root, null, "run", path, "--json", "--output", Path.Combine(Dir, "runs"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("\"kind\": \"bandit\"", result.Stdout);
        Assert.Contains("repetition 6/6 done", result.Stderr);
    }
}
