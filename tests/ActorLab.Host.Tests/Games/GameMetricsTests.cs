using ActorLab.Contracts.Games;
using ActorLab.Host.Games;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Games;

/// <summary>The host's metrics of strategy profiles (<see cref="GameMetrics"/>) and its sublinearity check, on the games plugin's games.</summary>
public sealed class GameMetricsTests
{
    private static INormalFormGame Game(string name, string options = "{}")
    {
        var game = RepoCatalog.Create<INormalFormGame>(name, options);
        game.Reset(new GameSetup(4, 0, 10));
        return game;
    }

    [Fact]
    public void Nash_conv_is_zero_at_the_equilibrium_and_positive_away_from_it()
    {
        var rps = Game("rock-paper-scissors");
        double[] uniform = [1 / 3.0, 1 / 3.0, 1 / 3.0];
        Assert.Equal(0, GameMetrics.NashConv(rps, [uniform, uniform]), 12);

        // Row plays rock only: column's best response (paper) wins 1, row's best response to uniform gains 0; value 0.
        Assert.Equal(1, GameMetrics.NashConv(rps, [[1, 0, 0], uniform]), 12);
    }

    [Fact]
    public void Cce_gap_of_mutual_defection_is_zero_and_of_mutual_cooperation_is_the_temptation()
    {
        var pd = Game("prisoners-dilemma"); // joint index a * 2 + b, 0 = cooperate
        Assert.Equal(0, GameMetrics.CceGap(pd, [0, 0, 0, 1]), 12);
        Assert.Equal(5 - 3, GameMetrics.CceGap(pd, [1, 0, 0, 0]), 12); // either player gains 2 by defecting
        Assert.Equal(6, GameMetrics.SocialWelfare(pd, [1, 0, 0, 0]), 12);
    }

    [Fact]
    public void Expected_losses_match_the_general_enumeration()
    {
        var game = Game("random-game", """{ "players": 3, "actions": 3 }""");
        double[][] strategies = [[0.2, 0.5, 0.3], [0.6, 0.1, 0.3], [0.25, 0.25, 0.5]];
        var losses = new double[3];
        GameMetrics.ExpectedLosses(game, 1, strategies, losses);
        for (var a = 0; a < 3; a++)
        {
            double expected = 0;
            for (var x = 0; x < 3; x++)
            {
                for (var z = 0; z < 3; z++)
                {
                    expected += strategies[0][x] * strategies[2][z] * game.Loss(1, GameMath.Joint(game, [x, a, z]));
                }
            }

            Assert.Equal(expected, losses[a], 12);
        }
    }

    [Fact]
    public void Sublinearity_check_separates_sqrt_growth_from_linear_growth()
    {
        long[] t = [.. Enumerable.Range(1, 20).Select(i => i * 500L)];
        var sqrt = SublinearityTest.Check(t, t.Select(x => 3 * Math.Sqrt(x)).ToList());
        Assert.Equal(0.5, sqrt.Slope, 6);
        Assert.True(sqrt.Sublinear);
        var linear = SublinearityTest.Check(t, t.Select((x, i) => 0.3 * x * (1 + 0.01 * (i % 2 == 0 ? 1 : -1))).ToList());
        Assert.Equal(1, linear.Slope, 2);
        Assert.False(linear.Sublinear);
        Assert.True(SublinearityTest.Check(t, t.Select(_ => -1.0).ToList()).Sublinear); // regret never positive
    }
}
