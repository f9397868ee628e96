using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Games;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Games.Games;

/// <summary>Options of <see cref="RandomNormalFormGame"/>.</summary>
public sealed record RandomGameOptions
{
    /// <summary>n, the number of players.</summary>
    public int Players { get; init; } = 2;

    /// <summary>Actions per player (every player has the same number).</summary>
    public int Actions { get; init; } = 3;

    /// <summary>uniform (payoffs U[0, 1]) or gaussian (N(0, 1)).</summary>
    [AllowedValues("uniform", "gaussian")]
    public string Distribution { get; init; } = "uniform";

    /// <summary>Two players only: make it zero-sum (the column player's payoffs are the negated row payoffs).</summary>
    public bool ZeroSum { get; init; }
}

/// <summary>A random n-player normal-form game: every payoff drawn independently per repetition from the run seed.</summary>
public sealed class RandomNormalFormGame(RandomGameOptions options) : INormalFormGame
{
    private double[][] _payoffs = [];

    /// <inheritdoc />
    public int Players => options.Players >= 2 && options.Actions >= 2 && (!options.ZeroSum || options.Players == 2)
        && Math.Pow(options.Actions, options.Players) <= 1_000_000
        ? options.Players
        : throw new ArgumentException("random-game: players and actions must be at least 2, zeroSum needs 2 players, and actions^players at most 1,000,000");

    /// <inheritdoc />
    public IReadOnlyList<int> Actions => Enumerable.Repeat(options.Actions, Players).ToArray();

    /// <inheritdoc />
    public bool ZeroSum => options.ZeroSum;

    /// <inheritdoc />
    public (double Min, double Max) PayoffRange { get; private set; }

    /// <inheritdoc />
    public void Reset(GameSetup setup)
    {
        var random = RandomStreams.Create(setup.Seed, "game.random-payoffs", setup.Repetition);
        var size = (int)Math.Pow(options.Actions, Players);
        double Draw() => options.Distribution switch
        {
            "uniform" => random.NextDouble(),
            "gaussian" => random.NextGaussian(),
            _ => throw new ArgumentException($"random-game: distribution must be uniform or gaussian, got '{options.Distribution}'"),
        };

        _payoffs = Enumerable.Range(0, Players).Select(_ => Enumerable.Range(0, size).Select(_ => Draw()).ToArray()).ToArray();
        if (options.ZeroSum)
        {
            _payoffs[1] = _payoffs[0].Select(p => -p).ToArray();
        }

        var all = _payoffs.SelectMany(p => p).ToArray();
        PayoffRange = (all.Min(), all.Max());
    }

    /// <inheritdoc />
    public double Payoff(int player, int joint) => _payoffs[player][joint];
}
