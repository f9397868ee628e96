using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Classification;

/// <summary>Options of <see cref="CompSumLoss"/>.</summary>
public sealed record CompSumOptions
{
    /// <summary>tau: 0 exponential-type, 1 cross-entropy, (1, 2) generalised cross-entropy, 2 mean absolute error.</summary>
    public double Tau { get; init; } = 1.0;
}

/// <summary>
/// The comp-sum family of Mao, Mohri &amp; Zhong, "Cross-Entropy Loss Functions: Theoretical Analysis and Applications"
/// (ICML 2023): with u = sum_{y' != y} exp(h_y' - h_y), L = Phi^tau(u), Phi^1(u) = log(1 + u) (cross-entropy) and
/// Phi^tau(u) = ((1 + u)^(1 - tau) - 1) / (1 - tau) otherwise: tau = 0 gives u (the exponential-type loss), tau = 2
/// gives 1 - p_y (mean absolute error), tau in (1, 2) generalised cross-entropy with q = tau - 1. Computed through
/// log(1 + u) = logsumexp(h) - h_y so large logit gaps do not overflow.
/// </summary>
public sealed class CompSumLoss(CompSumOptions options) : ILoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        var logOnePlusU = logits.logsumexp(1) - logits.gather(1, targets.unsqueeze(1)).squeeze(1); // log(1 + u) = -log p_y
        var loss = Math.Abs(options.Tau - 1) < 1e-12
            ? logOnePlusU
            : (((1 - options.Tau) * logOnePlusU).exp() - 1) / (1 - options.Tau);
        return loss.mean().MoveToOuterDisposeScope();
    }
}
