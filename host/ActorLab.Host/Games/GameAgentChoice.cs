using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Games;

/// <summary>One agent of a game scenario: its label in the results and its component.</summary>
public sealed record GameAgentChoice(string Label, ComponentChoice Component);
