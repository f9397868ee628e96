using System.Globalization;
using ActorLab.Host.Games;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Games;

/// <summary>The game kind through the actors, and issue 5's evidence on classic learners at reduced size.</summary>
public sealed class GameRunTests() : TempDirectoryTest("game")
{
    private async Task<GameSummary> Run(string json, int workers = 2)
    {
        var path = Path.Combine(Dir, $"s-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        var request = new RunRequest(path, Repo.Manifest, Path.Combine(Dir, "runs"), workers);
        return await GameLauncher.RunAsync(request, GameLauncher.Prepare(request));
    }

    private static string SelfPlay(string game, string agent, long rounds, string feedback = "full", int checkpoints = 10) => $$"""
        { "kind": "game", "seed": 1, "game": "{{game}}", "players": [ "{{agent}}", { "name": "{{agent}}", "label": "{{agent}}-2" } ],
          "rounds": {{rounds}}, "repetitions": 2, "feedback": "{{feedback}}", "batchSize": 1000, "checkpoints": {{checkpoints}} }
        """;

    [Theory]
    [InlineData("rock-paper-scissors", "full")]
    [InlineData("rock-paper-scissors", "sampled")]
    [InlineData("matching-pennies", "full")]
    [InlineData("matching-pennies", "sampled")]
    public async Task Hedge_self_play_on_a_zero_sum_game_ends_below_0_01_exploitability_within_1e4_rounds(string game, string feedback)
    {
        var summary = await Run(SelfPlay(game, "hedge", 10_000, feedback));
        Assert.Equal("completed", summary.Status);
        Assert.True(summary.Exploitability < 0.01, $"exploitability {summary.Exploitability}");
        Assert.All(summary.Agents, a => Assert.True(a.RegretPerRound < 0.01 && a.Sublinear, $"{a.Agent}: regret / T {a.RegretPerRound}, slope {a.Slope}"));
    }

    [Fact]
    public async Task Regret_matching_self_play_on_a_random_game_shrinks_the_cce_gap_with_t()
    {
        var summary = await Run("""
            { "kind": "game", "seed": 3, "game": { "name": "random-game", "options": { "players": 2, "actions": 4 } },
              "players": [ "regret-matching", { "name": "regret-matching", "label": "rm-2" } ],
              "rounds": 20000, "repetitions": 2, "feedback": "sampled", "batchSize": 1000, "checkpoints": 20 }
            """);
        var gaps = File.ReadAllLines(Path.Combine(summary.RunDirectory, "game.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => long.Parse(c[0], CultureInfo.InvariantCulture), c => double.Parse(c[2], CultureInfo.InvariantCulture));
        Assert.True(gaps[20_000] < 0.5 * gaps[1_000], $"CCE gap {gaps[1_000]:F4} at 1e3, {gaps[10_000]:F4} at 1e4, {gaps[20_000]:F4} at 2e4");
        Assert.True(gaps[20_000] < 0.02);
    }

    [Theory]
    [InlineData("linear-trend")]
    [InlineData("sinusoidal-trend")]
    public async Task On_trend_sequences_ftrl_and_ftpl_are_sublinear_and_uniform_random_is_linear(string sequence)
    {
        var summary = await Run($$"""
            { "kind": "game", "seed": 2, "sequence": { "name": "{{sequence}}", "options": { "actions": 5 } },
              "players": [ "hedge", "ftpl", "uniform" ], "rounds": 20000, "repetitions": 2, "batchSize": 2000, "checkpoints": 20 }
            """);
        var agents = summary.Agents.ToDictionary(a => a.Agent);
        Assert.True(agents["hedge"].Sublinear, $"hedge slope {agents["hedge"].Slope:F2} (upper {agents["hedge"].SlopeUpper:F2})");
        Assert.True(agents["ftpl"].Sublinear, $"ftpl slope {agents["ftpl"].Slope:F2} (upper {agents["ftpl"].SlopeUpper:F2})");

        // Uniform random pays a constant share of T: its regret per round stays far above the learners'. The log-log
        // regression's verdict for it is NOT asserted: at this horizon its slope is below 1 (about 0.95 on the linear
        // trend, 0.64 on the sinusoid, whose best action in hindsight changes along the run), so the check says
        // "sublinear" for a linear learner; reported in the closing note and scenarios/repro/README.md.
        Assert.True(agents["uniform"].RegretPerRound > 20 * agents["hedge"].RegretPerRound, $"uniform regret / T {agents["uniform"].RegretPerRound:F4}, hedge {agents["hedge"].RegretPerRound:F4}");
        Assert.True(agents["uniform"].RegretPerRound > 0.02, $"uniform regret / T {agents["uniform"].RegretPerRound:F4}");
    }

    [Fact]
    public async Task Under_bandit_feedback_hedge_learns_from_importance_weighted_losses_and_stays_sublinear()
    {
        var summary = await Run("""
            { "kind": "game", "seed": 4, "sequence": { "name": "iid", "options": { "actions": 3 } }, "feedback": "bandit",
              "players": [ "hedge", "uniform" ], "rounds": 20000, "repetitions": 2, "batchSize": 2000, "checkpoints": 20 }
            """);
        var agents = summary.Agents.ToDictionary(a => a.Agent);
        Assert.True(agents["hedge"].Sublinear, $"slope {agents["hedge"].Slope:F2} (upper {agents["hedge"].SlopeUpper:F2})");
        Assert.True(agents["hedge"].RegretPerRound < 0.25 * agents["uniform"].RegretPerRound,
            $"regret / T: hedge {agents["hedge"].RegretPerRound:F4}, uniform {agents["uniform"].RegretPerRound:F4}");
    }

    [Fact]
    public async Task A_game_run_is_identical_with_one_or_two_threads_and_reports_the_plain_loop_rate()
    {
        var json = SelfPlay("shapley", "regret-matching-plus", 3000, "sampled", checkpoints: 3).Replace("\"checkpoints\": 3", "\"checkpoints\": 3, \"baseline\": true");
        var first = await Run(json, workers: 2);
        var second = await Run(json, workers: 1);
        Assert.Equal(File.ReadAllText(Path.Combine(first.RunDirectory, "regret.csv")), File.ReadAllText(Path.Combine(second.RunDirectory, "regret.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(first.RunDirectory, "game.csv")), File.ReadAllText(Path.Combine(second.RunDirectory, "game.csv")));
        Assert.True(first.BaselineRoundsPerSecond > 0 && first.RoundsPerSecond > 0);
        Assert.Null(first.Exploitability); // Shapley's game is not zero-sum
    }

    [Fact]
    public void Game_scenario_mistakes_name_the_field()
    {
        var path = Path.Combine(Dir, "bad.json");
        File.WriteAllText(path, """{ "kind": "game", "game": "rock-paper-scissors", "players": ["hedge"], "rounds": 10 }""");
        var request = new RunRequest(path, Repo.Manifest, Dir, 1);
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => GameLauncher.Prepare(request)).Errors);
        Assert.Equal("$.players", error.JsonPath);
        Assert.Contains("has 2 players but the scenario lists 1", error.Message);

        File.WriteAllText(path, """{ "kind": "game", "game": "rock-paper-scissors", "sequence": "iid", "players": ["hedge", "hedge"], "rounds": 10 }""");
        Assert.Contains("exactly one of \"game\"", Assert.Throws<ScenarioException>(() => GameLauncher.Prepare(request)).Message);

        File.WriteAllText(path, """{ "kind": "game", "sequence": "iid", "players": ["hedg"], "rounds": 10 }""");
        error = Assert.Single(Assert.Throws<ScenarioException>(() => GameLauncher.Prepare(request)).Errors);
        Assert.Equal("$.players[0]", error.JsonPath);
        Assert.Contains("no game agent named 'hedg'", error.Message);
    }

    [Fact]
    public void The_cli_runs_a_game_scenario()
    {
        var path = Path.Combine(Dir, "cli.json");
        File.WriteAllText(path, SelfPlay("prisoners-dilemma", "hedge", 2000));
        var result = Support.Cli.Run(Repo.Root, null, "run", path, "--json", "--output", Path.Combine(Dir, "runs"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("\"kind\": \"game\"", result.Stdout);
        Assert.Contains("\"cceGap\"", result.Stdout);
    }
}
