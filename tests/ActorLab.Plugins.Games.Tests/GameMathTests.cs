using ActorLab.Contracts.Games;
using ActorLab.Plugins.Games.Games;
using Xunit;

namespace ActorLab.Plugins.Games.Tests;

/// <summary>The games on the SDK's joint action index; the host's metrics on them are tested in ActorLab.Host.Tests (GameMetricsTests).</summary>
public sealed class GameMathTests
{
    [Fact]
    public void Zero_sum_is_declared_by_the_games_that_are()
    {
        Assert.True(new RockPaperScissors().ZeroSum);
        Assert.True(new MatchingPennies().ZeroSum);
        Assert.False(new PrisonersDilemma().ZeroSum);
    }

    [Fact]
    public void The_joint_index_is_row_major_and_losses_are_scaled_to_the_unit_interval()
    {
        INormalFormGame game = new RandomNormalFormGame(new RandomGameOptions { Players = 3, Actions = 3 });
        game.Reset(new GameSetup(4, 0, 10));
        Assert.Equal(27, GameMath.JointSize(game));
        Assert.Equal((1 * 3 + 0) * 3 + 2, GameMath.Joint(game, [1, 0, 2]));
        Assert.All(Enumerable.Range(0, 27), j => Assert.InRange(game.Loss(2, j), 0, 1));
        Assert.Equal(2, GameMath.ActionOf(game, GameMath.Joint(game, [1, 0, 2]), 2));
        Assert.Equal(GameMath.Joint(game, [1, 2, 2]), GameMath.Deviate(game, GameMath.Joint(game, [1, 0, 2]), 1, 2));
    }
}
