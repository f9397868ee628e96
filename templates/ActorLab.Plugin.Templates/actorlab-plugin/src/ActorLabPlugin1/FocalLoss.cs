using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLabPlugin1;

/// <summary>Options of <see cref="FocalLoss"/>, bound from the scenario's <c>"loss": { "options": { ... } }</c>.</summary>
public sealed record FocalLossOptions
{
    /// <summary>Focusing parameter gamma; 0 gives cross-entropy.</summary>
    public double Gamma { get; init; } = 2.0;
}

/// <summary>Focal loss (Lin et al. 2017): mean over the batch of -(1 - p_t)^gamma log p_t, p_t the target's probability.</summary>
public sealed class FocalLoss(FocalLossOptions options) : ILoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        var logPt = torch.nn.functional.log_softmax(logits, 1).gather(1, targets.unsqueeze(1));
        return (-(1 - logPt.exp()).pow(options.Gamma) * logPt).mean();
    }
}
