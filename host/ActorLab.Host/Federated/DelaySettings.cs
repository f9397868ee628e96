namespace ActorLab.Host.Federated;

/// <summary>A wall-clock delay injected with some probability per sampled client and round.</summary>
/// <param name="Probability">Chance per sampled client and round.</param>
/// <param name="DelayMilliseconds">The delay.</param>
public sealed record DelaySettings(double Probability, int DelayMilliseconds);
