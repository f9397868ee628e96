using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Bandits;

/// <summary>One policy of a bandit comparison: its label in the results and its component.</summary>
public sealed record BanditPolicyChoice(string Label, ComponentChoice Component);
