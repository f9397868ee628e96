using TorchSharp;

namespace ActorLab.Contracts.Losses;

/// <summary>
/// A classification loss that keeps state per training sample (ALDR-KL's per-sample adaptive lambda): the trainer
/// passes each row's index in the training split alongside the batch. Evaluation calls the plain
/// <see cref="ILoss.Compute"/>, which must not change that state.
/// </summary>
public interface ISampleAwareLoss : ILoss
{
    /// <summary>The mean training loss over the batch.</summary>
    /// <param name="logits">[batch, classes], requires grad.</param>
    /// <param name="targets">[batch] int64 labels.</param>
    /// <param name="sampleIndices">[batch] int64 indices of the rows in the training split (stable across epochs).</param>
    torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets, torch.Tensor sampleIndices);
}
