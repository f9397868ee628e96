using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Core.Losses;

/// <summary>Softmax cross-entropy: mean over the batch of <c>logsumexp(o) - o_y</c>.</summary>
public sealed class CrossEntropyLoss : ILoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
        => torch.nn.functional.cross_entropy(logits, targets);
}
