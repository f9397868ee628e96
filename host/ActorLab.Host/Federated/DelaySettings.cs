using System.Text.Json.Serialization;

namespace ActorLab.Host.Federated;

/// <summary>A wall-clock delay injected with some probability per sampled client and round.</summary>
/// <param name="Probability">Chance per sampled client and round.</param>
/// <param name="DelayMilliseconds">The delay (the scenario's <c>delayMs</c>).</param>
public sealed record DelaySettings(double Probability, [property: JsonPropertyName("delayMs")] int DelayMilliseconds);
