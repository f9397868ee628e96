using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Classification;

/// <summary>
/// Cross-entropy through StableMax (Prieto, Barsbey, Mediano &amp; Birdal, "Grokking at the Edge of Numerical
/// Stability", ICLR 2025): s(x) = x + 1 for x &gt;= 0 and 1 / (1 - x) for x &lt; 0 replace exp, p_i = s(x_i) / sum_j s(x_j),
/// L = -log p_y. s grows linearly, so a confident prediction does not saturate to a floating-point loss of exactly 0
/// the way softmax does (softmax cross-entropy of [30, 0, ..., 0] is exactly 0 in float32), which the paper blames
/// for "softmax collapse" and stalled grokking.
/// </summary>
public sealed class StableMaxCrossEntropy : ILoss
{
    /// <summary>s(x), elementwise.</summary>
    public static torch.Tensor S(torch.Tensor x) => torch.where(x >= 0, x + 1, 1 / (1 - x.clamp_max(0)));

    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        var s = S(logits);
        var logP = s.gather(1, targets.unsqueeze(1)).squeeze(1).log() - s.sum(1).log();
        return (-logP).mean().MoveToOuterDisposeScope();
    }
}
