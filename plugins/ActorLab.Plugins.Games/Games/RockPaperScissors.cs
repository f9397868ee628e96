namespace ActorLab.Plugins.Games.Games;

/// <summary>Rock-paper-scissors: win 1, lose -1, tie 0. Zero-sum; the unique Nash equilibrium is uniform.</summary>
public sealed class RockPaperScissors() : BimatrixGame(Table, Negated(Table))
{
    private static readonly double[,] Table = { { 0, -1, 1 }, { 1, 0, -1 }, { -1, 1, 0 } };
}
