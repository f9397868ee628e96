namespace ActorLab.Host.Federated;

/// <summary>What is evaluated after each round besides the global model's test metrics.</summary>
/// <param name="PerClient">Whether each sampled client evaluates the global model it receives on its own data.</param>
public sealed record EvaluationSettings(bool PerClient = true);
