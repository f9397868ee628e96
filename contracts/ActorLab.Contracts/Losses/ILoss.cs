using TorchSharp;

namespace ActorLab.Contracts.Losses;

/// <summary>
/// A classification loss on a mini-batch. Implementations are plain functions of their inputs
/// (no hidden state between calls unless documented), so the host can call one instance from one actor.
/// </summary>
public interface ILoss
{
    /// <summary>
    /// The mean loss over the batch.
    /// </summary>
    /// <param name="logits">Shape [batch, classes], float32, requires grad during training.</param>
    /// <param name="targets">Shape [batch], int64 class indices.</param>
    /// <returns>A scalar tensor that <c>backward()</c> can be called on.</returns>
    torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets);
}
