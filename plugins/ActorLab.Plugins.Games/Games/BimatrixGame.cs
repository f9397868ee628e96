using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Games;

/// <summary>
/// A two-player game given by its payoff tables: row player's payoffs <c>row[a, b]</c>, column player's
/// <c>column[a, b]</c>, joint index a * n_column + b. The classic games are these tables.
/// </summary>
public class BimatrixGame : INormalFormGame
{
    private readonly double[][] _payoffs;

    /// <summary>Builds the game from the two tables (same shape).</summary>
    public BimatrixGame(double[,] row, double[,] column)
    {
        var n0 = row.GetLength(0);
        var n1 = row.GetLength(1);
        _payoffs = [new double[n0 * n1], new double[n0 * n1]];
        for (var a = 0; a < n0; a++)
        {
            for (var b = 0; b < n1; b++)
            {
                _payoffs[0][a * n1 + b] = row[a, b];
                _payoffs[1][a * n1 + b] = column[a, b];
            }
        }

        Actions = [n0, n1];
        ZeroSum = _payoffs[0].Zip(_payoffs[1]).All(p => Math.Abs(p.First + p.Second) < 1e-12);
        var all = _payoffs[0].Concat(_payoffs[1]).ToArray();
        PayoffRange = (all.Min(), all.Max());
    }

    /// <inheritdoc />
    public int Players => 2;

    /// <inheritdoc />
    public IReadOnlyList<int> Actions { get; }

    /// <inheritdoc />
    public bool ZeroSum { get; }

    /// <inheritdoc />
    public (double Min, double Max) PayoffRange { get; }

    /// <inheritdoc />
    public void Reset(GameSetup setup)
    {
    }

    /// <inheritdoc />
    public double Payoff(int player, int joint) => _payoffs[player][joint];

    /// <summary>The zero-sum game with row payoffs <paramref name="row"/>.</summary>
    protected static double[,] Negated(double[,] row)
    {
        var result = (double[,])row.Clone();
        for (var a = 0; a < row.GetLength(0); a++)
        {
            for (var b = 0; b < row.GetLength(1); b++)
            {
                result[a, b] = -row[a, b];
            }
        }

        return result;
    }
}
