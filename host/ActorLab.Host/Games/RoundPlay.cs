using ActorLab.Contracts.Games;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Host.Games;

/// <summary>
/// One player's share of a round, the code both the agent actors and the plain single-threaded loop run (so their
/// results are identical): <see cref="Act"/> asks the agent for its strategy; <see cref="Learn(long, double[][])"/>, once every player
/// has acted, samples everyone's action from (seed, repetition, round, player), builds the player's loss vector
/// (expected against the others' mixed strategies, or against their sampled actions), adds it to the player's regret
/// and hands the agent the feedback its setup asks for. Loss tables are precomputed per player (for two players laid
/// out by the player's own action, so the expected-loss sum reads a row), and so are the game's shape (a game's
/// <c>Players</c> and <c>Actions</c> may compute, even allocate, on every call).
/// </summary>
public sealed class RoundPlay
{
    private readonly INormalFormGame? _game;
    private readonly ILossSequence? _sequence;
    private readonly IGameAgent _agent;
    private readonly int _player;
    private readonly Feedback _feedback;
    private readonly ulong _samplingKey;
    private readonly double[] _lossTable;
    private readonly double[] _losses;
    private readonly int[] _sampled;
    private readonly int[] _others;
    private readonly int[] _actions;
    private readonly double[] _ownLossTable;
    private readonly int _stride;

    /// <summary>Sets up player <paramref name="player"/> of a repeated game (and resets its agent).</summary>
    public RoundPlay(INormalFormGame game, int player, IGameAgent agent, Feedback feedback, GameSetup setup)
        : this(agent, player, game.Actions[player], feedback, setup)
    {
        _game = game;
        var size = GameMath.JointSize(game);
        _lossTable = new double[size];
        for (var j = 0; j < size; j++)
        {
            _lossTable[j] = game.Loss(player, j);
        }

        _actions = [.. game.Actions];
        if (_actions.Length == 2)
        {
            // _ownLossTable[a * n_other + b]: own action a, the other's action b, whichever seat the player has.
            var n1 = _actions[1];
            var other = _actions[1 - player];
            _ownLossTable = new double[size];
            for (var a = 0; a < _actions[player]; a++)
            {
                for (var b = 0; b < other; b++)
                {
                    _ownLossTable[a * other + b] = _lossTable[player == 0 ? a * n1 + b : b * n1 + a];
                }
            }
        }

        _stride = 1; // the player's place value in the row-major joint index (GameMath.Deviate)
        for (var i = _actions.Length - 1; i > player; i--)
        {
            _stride *= _actions[i];
        }

        _sampled = new int[_actions.Length];
        _others = new int[Math.Max(0, _actions.Length - 1)];
        agent.Reset(new AgentSetup(player, game.Actions[player], feedback, setup, game));
    }

    /// <summary>Sets up a learner facing a loss sequence (and resets its agent).</summary>
    public RoundPlay(ILossSequence sequence, IGameAgent agent, Feedback feedback, GameSetup setup)
        : this(agent, 0, sequence.Actions, feedback, setup)
    {
        _sequence = sequence;
        agent.Reset(new AgentSetup(0, sequence.Actions, feedback, setup, null));
    }

    private RoundPlay(IGameAgent agent, int player, int actions, Feedback feedback, GameSetup setup)
    {
        _agent = agent;
        _player = player;
        _feedback = feedback;
        _samplingKey = RandomStreams.DeriveSeed(setup.Seed, "game.sampling", setup.Repetition);
        _lossTable = [];
        _ownLossTable = [];
        _actions = [actions];
        _stride = 1;
        _losses = new double[actions];
        _sampled = new int[1];
        _others = [];
        Strategy = new double[actions];
        Tracker = new RegretTracker(actions);
    }

    /// <summary>The strategy the agent stated this round.</summary>
    public double[] Strategy { get; }

    /// <summary>The agent's own event counts (<see cref="IAgentCounters"/>), or null for agents that keep none.</summary>
    public IReadOnlyDictionary<string, long>? Counters => (_agent as IAgentCounters)?.Counters;

    /// <summary>The player's regret totals.</summary>
    public RegretTracker Tracker { get; }

    /// <summary>Every player's sampled action this round (after a Learn call).</summary>
    public ReadOnlySpan<int> SampledActions => _sampled;

    /// <summary>The joint index of this round's sampled actions (repeated games, after Learn).</summary>
    public int SampledJoint { get; private set; }

    /// <summary>Asks the agent for its strategy for <paramref name="round"/> and checks it is a distribution.</summary>
    public void Act(long round)
    {
        _agent.Strategy(round, Strategy);
        double sum = 0;
        foreach (var p in Strategy)
        {
            if (!(p >= 0))
            {
                throw new InvalidOperationException($"player {_player}'s agent stated a negative or NaN probability ({p}) at round {round}");
            }

            sum += p;
        }

        if (Math.Abs(sum - 1) > 1e-6)
        {
            throw new InvalidOperationException($"player {_player}'s agent stated probabilities summing to {sum} at round {round}");
        }
    }

    /// <summary>The learner's round against a loss sequence.</summary>
    public void LearnFromSequence(long round)
    {
        _sequence!.Losses(round, Strategy, _losses);
        _sampled[0] = Sample(round, 0, Strategy);
        Finish(round);
    }

    /// <summary>Player's round of a repeated game, given every player's strategy this round (index = player).</summary>
    public void Learn(long round, double[][] strategies)
    {
        for (var i = 0; i < _actions.Length; i++)
        {
            _sampled[i] = Sample(round, i, strategies[i]);
        }

        LearnSampled(round, strategies);
    }

    /// <summary>
    /// <see cref="Learn(long, double[][])"/> with the actions <paramref name="sampler"/> (another player of the same repetition) sampled
    /// this round: the draws depend only on (seed, repetition, round, player), so every player would sample the same.
    /// </summary>
    public void Learn(long round, double[][] strategies, RoundPlay sampler)
    {
        sampler._sampled.CopyTo(_sampled, 0);
        LearnSampled(round, strategies);
    }

    private void LearnSampled(long round, double[][] strategies)
    {
        var joint = 0;
        for (var i = 0; i < _actions.Length; i++)
        {
            joint = joint * _actions[i] + _sampled[i];
        }

        SampledJoint = joint;

        if (_feedback == Feedback.Full)
        {
            ExpectedLosses(strategies);
        }
        else
        {
            var own = joint / _stride % _actions[_player];
            for (var a = 0; a < _losses.Length; a++)
            {
                _losses[a] = _lossTable[joint + (a - own) * _stride]; // GameMath.Deviate(game, joint, _player, a)
            }
        }

        if (_feedback != Feedback.Bandit)
        {
            var k = 0;
            for (var i = 0; i < _actions.Length; i++)
            {
                if (i != _player)
                {
                    _others[k++] = _sampled[i];
                }
            }

            _agent.ObserveOthers(round, _others);
        }

        Finish(round);
    }

    private void Finish(long round)
    {
        Tracker.Add(Strategy, _losses);
        if (_feedback == Feedback.Bandit)
        {
            var action = _sampled[_player];
            _agent.ObserveBandit(round, action, _losses[action], Strategy[action]);
        }
        else
        {
            _agent.Observe(round, _losses);
        }
    }

    private void ExpectedLosses(double[][] strategies)
    {
        if (_actions.Length == 2)
        {
            // The common case without the general enumeration: losses[a] = sum_b pi_other(b) L(a, b), b in order.
            var other = strategies[1 - _player].AsSpan();
            var table = _ownLossTable;
            var losses = _losses;
            for (var a = 0; a < losses.Length; a++)
            {
                var row = table.AsSpan(a * other.Length, other.Length);
                double sum = 0;
                for (var b = 0; b < row.Length; b++)
                {
                    sum += other[b] * row[b];
                }

                losses[a] = sum;
            }

            return;
        }

        GameMetrics.ExpectedLosses(_game!, _player, strategies, _losses);
    }

    /// <summary>Player <paramref name="player"/>'s action at <paramref name="round"/>, by inversion of its strategy with a counter-based uniform.</summary>
    private int Sample(long round, int player, double[] strategy)
    {
        var u = CounterRandom.Uniform(_samplingKey, round, player);
        double cumulative = 0;
        for (var a = 0; a < strategy.Length - 1; a++)
        {
            cumulative += strategy[a];
            if (u < cumulative)
            {
                return a;
            }
        }

        return strategy.Length - 1;
    }
}
