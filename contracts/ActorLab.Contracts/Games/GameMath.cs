namespace ActorLab.Contracts.Games;

/// <summary>
/// The row-major joint action index of normal-form games (see <see cref="INormalFormGame"/>): its size, a joint
/// action's index, one player's action in it and a unilateral deviation. The host's evaluation of strategy profiles
/// (expected losses, NashConv, CCE gap, social welfare) is the host's own since ActorLab.Contracts 2.0.
/// </summary>
public static class GameMath
{
    /// <summary>Number of joint actions, prod_i n_i.</summary>
    public static int JointSize(INormalFormGame game) => game.Actions.Aggregate(1, (a, b) => a * b);

    /// <summary>The joint index of <paramref name="actions"/> (one action per player).</summary>
    public static int Joint(INormalFormGame game, ReadOnlySpan<int> actions)
    {
        var joint = 0;
        for (var i = 0; i < actions.Length; i++)
        {
            joint = joint * game.Actions[i] + actions[i];
        }

        return joint;
    }

    /// <summary>Player <paramref name="player"/>'s action in joint action <paramref name="joint"/>.</summary>
    public static int ActionOf(INormalFormGame game, int joint, int player)
    {
        for (var i = game.Players - 1; i > player; i--)
        {
            joint /= game.Actions[i];
        }

        return joint % game.Actions[player];
    }

    /// <summary>The joint index with player <paramref name="player"/>'s action replaced by <paramref name="action"/>.</summary>
    public static int Deviate(INormalFormGame game, int joint, int player, int action)
    {
        var stride = 1;
        for (var i = game.Players - 1; i > player; i--)
        {
            stride *= game.Actions[i];
        }

        return joint + (action - ActionOf(game, joint, player)) * stride;
    }
}
