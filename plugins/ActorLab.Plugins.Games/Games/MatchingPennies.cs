namespace ActorLab.Plugins.Games.Games;

/// <summary>Matching pennies: the row player wins 1 when the coins match. Zero-sum; the equilibrium is (1/2, 1/2).</summary>
public sealed class MatchingPennies() : BimatrixGame(Table, Negated(Table))
{
    private static readonly double[,] Table = { { 1, -1 }, { -1, 1 } };
}
