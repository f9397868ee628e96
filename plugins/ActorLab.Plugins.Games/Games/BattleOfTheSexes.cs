namespace ActorLab.Plugins.Games.Games;

/// <summary>Battle of the sexes: both prefer coordinating, on different outcomes ((2, 1) and (1, 2)); two pure equilibria and a mixed one.</summary>
public sealed class BattleOfTheSexes() : BimatrixGame(new double[,] { { 2, 0 }, { 0, 1 } }, new double[,] { { 1, 0 }, { 0, 2 } });
