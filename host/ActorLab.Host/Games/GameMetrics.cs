using ActorLab.Contracts.Games;

namespace ActorLab.Host.Games;

/// <summary>
/// What the host computes from strategy profiles of a normal-form game, over the row-major joint action index
/// (<see cref="GameMath"/>): expected losses against mixed strategies (the round loop's full feedback), NashConv,
/// the coarse-correlated-equilibrium gap and social welfare (the game's checkpoint metrics).
/// </summary>
public static class GameMetrics
{
    /// <summary>
    /// Player <paramref name="player"/>'s expected loss of each of its actions when every other player i plays
    /// strategies[i]: losses[a] = sum over the others' joint actions of prod_i strategies[i][a_i] * Loss(a, a_-i).
    /// </summary>
    public static void ExpectedLosses(INormalFormGame game, int player, IReadOnlyList<double[]> strategies, Span<double> losses)
    {
        losses.Clear();
        var size = GameMath.JointSize(game);
        for (var joint = 0; joint < size; joint++)
        {
            double probability = 1;
            var rest = joint;
            var own = 0;
            for (var i = game.Players - 1; i >= 0 && probability > 0; i--)
            {
                var action = rest % game.Actions[i];
                rest /= game.Actions[i];
                if (i == player)
                {
                    own = action;
                }
                else
                {
                    probability *= strategies[i][action];
                }
            }

            if (probability > 0)
            {
                losses[own] += probability * game.Loss(player, joint);
            }
        }
    }

    /// <summary>NashConv of a strategy profile, sum_i (max_a u_i(a, sigma_-i) - u_i(sigma)), in payoff units; 0 exactly at a Nash equilibrium.</summary>
    public static double NashConv(INormalFormGame game, IReadOnlyList<double[]> strategies)
    {
        double total = 0;
        var size = GameMath.JointSize(game);
        for (var player = 0; player < game.Players; player++)
        {
            var byAction = new double[game.Actions[player]];
            double value = 0;
            for (var joint = 0; joint < size; joint++)
            {
                double others = 1;
                for (var i = 0; i < game.Players; i++)
                {
                    if (i != player)
                    {
                        others *= strategies[i][GameMath.ActionOf(game, joint, i)];
                    }
                }

                var own = GameMath.ActionOf(game, joint, player);
                var payoff = game.Payoff(player, joint);
                byAction[own] += others * payoff;
                value += others * strategies[player][own] * payoff;
            }

            total += byAction.Max() - value;
        }

        return total;
    }

    /// <summary>
    /// The coarse-correlated-equilibrium gap of a distribution <paramref name="joint"/> over joint actions:
    /// max_i max_a' E_sigma[u_i(a', a_-i) - u_i(a)], in payoff units; at most 0 exactly at a CCE.
    /// </summary>
    public static double CceGap(INormalFormGame game, ReadOnlySpan<double> joint)
    {
        var gap = double.NegativeInfinity;
        for (var player = 0; player < game.Players; player++)
        {
            double value = 0;
            for (var j = 0; j < joint.Length; j++)
            {
                value += joint[j] * game.Payoff(player, j);
            }

            for (var deviation = 0; deviation < game.Actions[player]; deviation++)
            {
                double deviated = 0;
                for (var j = 0; j < joint.Length; j++)
                {
                    if (joint[j] > 0)
                    {
                        deviated += joint[j] * game.Payoff(player, GameMath.Deviate(game, j, player, deviation));
                    }
                }

                gap = Math.Max(gap, deviated - value);
            }
        }

        return gap;
    }

    /// <summary>Expected sum of all players' payoffs under the distribution <paramref name="joint"/>.</summary>
    public static double SocialWelfare(INormalFormGame game, ReadOnlySpan<double> joint)
    {
        double welfare = 0;
        for (var j = 0; j < joint.Length; j++)
        {
            for (var player = 0; player < game.Players; player++)
            {
                welfare += joint[j] * game.Payoff(player, j);
            }
        }

        return welfare;
    }
}
