using TorchSharp;

namespace ActorLab.Contracts.Losses;

/// <summary>
/// A classification loss computed from final embeddings and the classifier's weight matrix rather than from logits,
/// for vocabularies too large to materialise N x V logits (language-model heads).
/// </summary>
public interface IEmbeddingLoss
{
    /// <summary>The mean loss over positions.</summary>
    /// <param name="embeddings">[N, D], requires grad.</param>
    /// <param name="classifier">[V, D], requires grad.</param>
    /// <param name="targets">[N] int64 in [0, V).</param>
    torch.Tensor Compute(torch.Tensor embeddings, torch.Tensor classifier, torch.Tensor targets);
}
