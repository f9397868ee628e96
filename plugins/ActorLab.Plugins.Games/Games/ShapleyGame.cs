namespace ActorLab.Plugins.Games.Games;

/// <summary>
/// Shapley's game (Shapley 1964): a 3 x 3 general-sum variant of rock-paper-scissors in which fictitious play cycles
/// with growing periods and never converges; the unique equilibrium is uniform.
/// </summary>
public sealed class ShapleyGame() : BimatrixGame(
    new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
    new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } });
