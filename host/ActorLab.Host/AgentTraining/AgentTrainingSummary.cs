namespace ActorLab.Host.AgentTraining;

/// <summary>The end-of-run summary of an agent training (summary.json, and stdout with --json).</summary>
public sealed record AgentTrainingSummary(string RunId, string Scenario, string Kind, int Seed, string Status, string? Failure, string Trainer,
    string CheckpointPath, int Steps, double? FinalLoss, double? FinalMeanRegret, double Seconds, string RunDirectory);
