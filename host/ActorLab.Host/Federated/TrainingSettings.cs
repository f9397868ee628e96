namespace ActorLab.Host.Federated;

/// <summary>Local training on each client.</summary>
/// <param name="LocalEpochs">Passes over the client's shard per round.</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="LearningRate">Optimizer step size.</param>
public sealed record TrainingSettings(int LocalEpochs = 1, int BatchSize = 32, double LearningRate = 0.05);
