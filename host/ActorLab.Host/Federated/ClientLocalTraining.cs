using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.optim;

namespace ActorLab.Host.Federated;

/// <summary>
/// <see cref="ILocalTraining"/> over one fit's model, optimizer and data: plain epochs for client algorithms that
/// explore beyond the round's work. Uses the fit's shuffling stream, so it stays deterministic.
/// </summary>
internal sealed class ClientLocalTraining(
    Module<torch.Tensor, torch.Tensor> model, ILoss loss, Optimizer optimizer, torch.Tensor features, torch.Tensor labels, int batchSize, torch.Generator generator)
    : ILocalTraining
{
    public double TrainEpoch() => LocalTrainer.Train(model, loss, optimizer, features, labels, 1, batchSize, generator).MeanLoss;

    public float[] Parameters() => ModelParameters.Flatten(model);

    public void LoadParameters(float[] parameters) => ModelParameters.Load(model, parameters);
}
