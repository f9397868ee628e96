namespace ActorLab.Plugins.Games.Games;

/// <summary>Prisoner's dilemma (cooperate, defect): R = 3, S = 0, T = 5, P = 1. Defecting dominates; (D, D) is the only equilibrium.</summary>
public sealed class PrisonersDilemma() : BimatrixGame(new double[,] { { 3, 0 }, { 5, 1 } }, new double[,] { { 3, 5 }, { 0, 1 } });
