namespace ActorLab.Host.Federated;

/// <summary>A round deadline with per-client speeds (see the scenario schema's faults.deadline).</summary>
/// <param name="Seconds">The deadline in simulated seconds.</param>
/// <param name="SamplesPerSecond">Throughput of a client with speed factor 1.</param>
/// <param name="SpeedSigma">Standard deviation of the log speed factors.</param>
public sealed record DeadlineSettings(double Seconds, double SamplesPerSecond = 1000, double SpeedSigma = 1);
