namespace ActorLab.Host.Federated;

/// <summary>Byzantine clients: a fixed share of all clients that attack whenever sampled.</summary>
/// <param name="Fraction">Share of all clients.</param>
/// <param name="Attack">sign-flip, scaled-noise or label-flip.</param>
/// <param name="Scale">Attack strength.</param>
public sealed record ByzantineSettings(double Fraction = 0, string Attack = "sign-flip", double Scale = 10);
