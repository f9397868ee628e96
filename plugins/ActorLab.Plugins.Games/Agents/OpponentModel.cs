using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Agents;

/// <summary>
/// Counts of the others' joint actions, for the agents that reason about the game (fictitious play, best response):
/// expected loss of each own action against the counted distribution, from the game's loss table.
/// </summary>
internal sealed class OpponentModel
{
    private readonly INormalFormGame _game;
    private readonly int _player;
    private readonly double[] _counts;
    private readonly int[] _joint;
    private double _total;

    public OpponentModel(INormalFormGame game, int player)
    {
        _game = game;
        _player = player;
        _counts = new double[GameMath.JointSize(game) / game.Actions[player]];
        _joint = new int[game.Players];
    }

    public bool HasHistory => _total > 0;

    /// <summary>Adds one observation of the others' joint action.</summary>
    public void Count(ReadOnlySpan<int> others)
    {
        _counts[OthersIndex(others)]++;
        _total++;
    }

    /// <summary>Forgets everything (best response keeps only the last round).</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        _total = 0;
    }

    /// <summary>losses[a] = sum_o freq(o) L(a, o).</summary>
    public void ExpectedLosses(Span<double> losses)
    {
        losses.Clear();
        var others = new int[_game.Players - 1];
        for (var o = 0; o < _counts.Length; o++)
        {
            if (_counts[o] == 0)
            {
                continue;
            }

            Decode(o, others);
            for (var a = 0; a < losses.Length; a++)
            {
                var k = 0;
                for (var i = 0; i < _game.Players; i++)
                {
                    _joint[i] = i == _player ? a : others[k++];
                }

                losses[a] += _counts[o] / _total * _game.Loss(_player, GameMath.Joint(_game, _joint));
            }
        }
    }

    private int OthersIndex(ReadOnlySpan<int> others)
    {
        int index = 0, k = 0;
        for (var i = 0; i < _game.Players; i++)
        {
            if (i != _player)
            {
                index = index * _game.Actions[i] + others[k++];
            }
        }

        return index;
    }

    private void Decode(int index, int[] others)
    {
        var k = others.Length - 1;
        for (var i = _game.Players - 1; i >= 0; i--)
        {
            if (i != _player)
            {
                others[k--] = index % _game.Actions[i];
                index /= _game.Actions[i];
            }
        }
    }
}
