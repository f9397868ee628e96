using ActorLab.Contracts.Games;
using ActorLab.Host.Games;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Games;

/// <summary>
/// Issue 17: a repeated game's repetitions each in one actor (<see cref="AllPlayersActor"/>), in parallel, give the
/// results of the lockstep players (<see cref="RoundExchange"/>) and of one repetition at a time; and
/// <see cref="GamePlacement"/> picks the placement its throughput model says.
/// </summary>
public sealed class GamePlacementTests() : TempDirectoryTest("game-placement")
{
    private const string Scenario = """
        { "kind": "game", "seed": 3, "game": { "name": "random-game", "options": { "players": 2, "actions": 4 } },
          "players": [ "hedge", "regret-matching" ], "rounds": 3000, "repetitions": 3, "feedback": "FEEDBACK",
          "batchSize": 700, "checkpoints": 4 }
        """;

    private string Write(string feedback)
    {
        var path = Path.Combine(Dir, $"s-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Scenario.Replace("FEEDBACK", feedback));
        return path;
    }

    [Theory]
    [InlineData("full")]
    [InlineData("sampled")]
    public async Task Repetitions_in_one_actor_each_in_parallel_match_lockstep_and_one_at_a_time(string feedback)
    {
        var path = Write(feedback);
        async Task<(string Regret, string Game)> Run(int workers)
        {
            var request = new RunRequest(path, Repo.Manifest, Path.Combine(Dir, $"runs-{workers}"), workers);
            var summary = await GameLauncher.RunAsync(request, GameLauncher.Prepare(request));
            Assert.Equal("completed", summary.Status);
            return (File.ReadAllText(Path.Combine(summary.RunDirectory, "regret.csv")), File.ReadAllText(Path.Combine(summary.RunDirectory, "game.csv")));
        }

        Assert.True(GamePlacement.OneActorPerRepetition(3, 2, 2) && GamePlacement.OneActorPerRepetition(3, 2, 1) && !GamePlacement.OneActorPerRepetition(3, 2, 4));
        var parallel = await Run(workers: 2); // one actor per repetition, two at a time
        var sequential = await Run(workers: 1); // one actor per repetition, one at a time
        var lockstep = await Run(workers: 4); // one actor per player at the barrier, two repetitions at a time
        Assert.Equal(lockstep.Regret, parallel.Regret);
        Assert.Equal(lockstep.Game, parallel.Game);
        Assert.Equal(sequential.Regret, parallel.Regret);
        Assert.Equal(sequential.Game, parallel.Game);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Each_repetition_in_the_plain_loop_ends_where_the_lockstep_players_do(int repetition)
    {
        var plan = GameLauncher.Prepare(Write("sampled"), RepoCatalog.Catalog);
        var game = plan.CreateGame(repetition);
        var rounds = plan.Scenario.Rounds;

        var looped = new[] { plan.CreatePlay(repetition, 0), plan.CreatePlay(repetition, 1) };
        var loopCounts = new long[GameMath.JointSize(game)];
        RoundLoop.Play(looped, true, 0, rounds, loopCounts);

        // The lockstep players, as AgentActor plays them: each on a thread of its own, meeting at the exchange every round.
        using var exchange = new RoundExchange(game.Actions, GameMath.JointSize(game));
        var lockstep = new[] { plan.CreatePlay(repetition, 0), plan.CreatePlay(repetition, 1) };
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, agent =>
        {
            for (long round = 0; round < rounds; round++)
            {
                lockstep[agent].Act(round);
                lockstep[agent].Learn(round, exchange.Exchange(round, agent, lockstep[agent].Strategy));
                if (agent == 0)
                {
                    exchange.JointCounts[lockstep[agent].SampledJoint]++;
                }
            }
        });

        Assert.Equal(exchange.JointCounts, loopCounts);
        for (var agent = 0; agent < 2; agent++)
        {
            Assert.Equal(lockstep[agent].Tracker.ExpectedLoss, looped[agent].Tracker.ExpectedLoss); // exact: the same arithmetic in the same order
            Assert.Equal(lockstep[agent].Tracker.DynamicRegret, looped[agent].Tracker.DynamicRegret);
            Assert.Equal(lockstep[agent].Tracker.ActionLoss, looped[agent].Tracker.ActionLoss);
            Assert.Equal(lockstep[agent].Tracker.StrategySum, looped[agent].Tracker.StrategySum);
        }
    }

    [Fact]
    public void The_rule_picks_one_actor_per_repetition_exactly_where_the_throughput_model_says_it_wins_for_every_round_cost()
    {
        // The model of GamePlacement's comment: c the agent work of a round (all n players), h the barrier hand-off.
        static double OneActor(int r, int w, double c) => Math.Min(r, w) / c;
        static double Lockstep(int r, int w, int n, double c, double h) => Math.Min(r, Math.Max(1, w / n)) / (c / Math.Min(n, w) + h);
        double[] costs = [1e-8, 1e-7, 1e-6, 1e-5, 1e-3, 1, 1e3];
        double[] handOffs = [1e-8, 1e-7, 8e-7, 1e-5];
        for (var workers = 1; workers <= 8; workers++)
        {
            for (var players = 2; players <= 4; players++)
            {
                for (var repetitions = 1; repetitions <= 12; repetitions++)
                {
                    var alwaysWins = costs.All(c => handOffs.All(h => OneActor(repetitions, workers, c) >= Lockstep(repetitions, workers, players, c, h)));
                    Assert.Equal(alwaysWins, GamePlacement.OneActorPerRepetition(repetitions, players, workers));
                    var concurrent = GamePlacement.Concurrent(repetitions, players, workers);
                    Assert.Equal(alwaysWins ? workers : Math.Min(repetitions, Math.Max(1, workers / players)), concurrent);
                }
            }
        }

        Assert.True(GamePlacement.OneActorPerRepetition(8, 2, 2)); // the benchmark: 8 repetitions on two cores
        Assert.False(GamePlacement.OneActorPerRepetition(1, 2, 2)); // one long repetition keeps both cores through lockstep
    }
}
