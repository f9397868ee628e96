namespace ActorLab.Contracts.Games;

/// <summary>What <c>actorlab train-agent</c> asks of a trainer.</summary>
/// <param name="Seed">The scenario seed; every random stream of the training derives from it.</param>
/// <param name="CheckpointPath">Where to save the trained agent (the agent's options name the same file to load it).</param>
/// <param name="Progress">Hears every logged step.</param>
public sealed record AgentTrainingRequest(int Seed, string CheckpointPath, IProgress<AgentTrainingProgress>? Progress);

/// <summary>One logged training step.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="Steps">Steps planned.</param>
/// <param name="Loss">The training loss of the step.</param>
/// <param name="MeanRegret">Mean regret over the step's training sequences.</param>
public sealed record AgentTrainingProgress(int Step, int Steps, double Loss, double MeanRegret);

/// <summary>A finished training.</summary>
/// <param name="CheckpointPath">The saved checkpoint.</param>
/// <param name="Steps">Steps done.</param>
/// <param name="FinalLoss">Loss of the last step.</param>
/// <param name="FinalMeanRegret">Mean regret over the last step's sequences.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record AgentTrainingResult(string CheckpointPath, int Steps, double FinalLoss, double FinalMeanRegret, double Seconds);

/// <summary>Trains a game agent offline and saves a checkpoint that the agent component loads.</summary>
public interface IAgentTrainer
{
    /// <summary>Trains and saves; honours <paramref name="cancellationToken"/> between steps.</summary>
    AgentTrainingResult Train(AgentTrainingRequest request, CancellationToken cancellationToken);
}
