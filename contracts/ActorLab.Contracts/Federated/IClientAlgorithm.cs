using TorchSharp.Modules;
using TorchSharp;

namespace ActorLab.Contracts.Federated;

/// <summary>
/// More local training on the client's own data, for client algorithms that explore beyond the round's epochs
/// (FedLEx's scouts): plain epochs with the run's loss, optimizer settings and batch size, without the algorithm's
/// own hooks.
/// </summary>
public interface ILocalTraining
{
    /// <summary>Trains one more epoch; returns its mean training loss.</summary>
    double TrainEpoch();

    /// <summary>The model's current parameters, flat.</summary>
    float[] Parameters();

    /// <summary>Overwrites the model's parameters.</summary>
    void LoadParameters(float[] parameters);
}

/// <summary>What a client algorithm is told when a round's local training starts.</summary>
/// <param name="ClientId">The client's id.</param>
/// <param name="Round">1-based round number.</param>
/// <param name="Seed">The run seed (derive streams with <see cref="Randomness.RandomStreams"/>).</param>
/// <param name="GlobalParameters">The global model the client starts from, flat, in <c>parameters()</c> order.</param>
/// <param name="ServerExtras">Strategy-specific data the server sent with the model (e.g. SCAFFOLD's control variate), or null.</param>
/// <param name="Parameters">The client model's parameters (already holding the global values).</param>
/// <param name="LearningRate">The local learning rate.</param>
public sealed record ClientFitContext(
    int ClientId,
    int Round,
    int Seed,
    ReadOnlyMemory<float> GlobalParameters,
    float[]? ServerExtras,
    IReadOnlyList<Parameter> Parameters,
    double LearningRate)
{
    /// <summary>More local training, for algorithms that explore (FedLEx); usable until <see cref="IClientAlgorithm.EndFit"/> returns.</summary>
    public ILocalTraining? Training { get; init; }
}

/// <summary>What a client algorithm is told when a round's local training ends.</summary>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="TrainedParameters">The parameters after training, flat.</param>
public sealed record ClientFitOutcome(long Steps, float[] TrainedParameters);

/// <summary>
/// The client-side part of a federated algorithm (FedProx's proximal term, SCAFFOLD's gradient correction,
/// FedLEx's gradient guidance). One instance lives in each client actor for the whole run, so it may keep
/// per-client state across rounds (SCAFFOLD's c_i). The host calls, per round: <see cref="BeginFit"/>, then
/// per step <see cref="Regularizer"/> (added to the loss) and <see cref="AdjustGradients"/> (after backward,
/// before the optimizer step), then <see cref="EndFit"/>, whose result travels to the server as
/// <see cref="ClientUpdate.Extras"/>.
/// </summary>
public interface IClientAlgorithm
{
    /// <summary>Prepares a round (e.g. keeps a tensor copy of the global model).</summary>
    void BeginFit(ClientFitContext context);

    /// <summary>
    /// A term added to the step's loss (e.g. FedLD's log(1 + ||softmax(Z)||_F^2) on the batch logits), or null for
    /// none. Called inside the step's dispose scope.
    /// </summary>
    /// <param name="parameters">The model's parameters.</param>
    /// <param name="logits">The batch's logits, [batch, classes], part of the graph.</param>
    torch.Tensor? Regularizer(IReadOnlyList<Parameter> parameters, torch.Tensor logits);

    /// <summary>Changes the gradients in place after backward (no-op for most algorithms).</summary>
    void AdjustGradients(IReadOnlyList<Parameter> parameters);

    /// <summary>Finishes the round; returns extra data for the server, or null. May train further through
    /// <see cref="ClientFitContext.Training"/>: the client still sends <see cref="ClientFitOutcome.TrainedParameters"/>.</summary>
    float[]? EndFit(ClientFitOutcome outcome);
}

/// <summary>
/// A strategy with a client-side part. Each client actor creates its own instance of the strategy (same
/// name and options as the server's) and asks it for its <see cref="IClientAlgorithm"/>.
/// </summary>
public interface IClientAwareStrategy
{
    /// <summary>Creates the client-side algorithm for one client.</summary>
    IClientAlgorithm CreateClientAlgorithm();

    /// <summary>Data the server sends every sampled client with the global model this round, or null.</summary>
    float[]? ServerExtras(int round);
}
