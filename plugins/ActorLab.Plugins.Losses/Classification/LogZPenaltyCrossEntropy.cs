using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Classification;

/// <summary>Options of <see cref="LogZPenaltyCrossEntropy"/>.</summary>
public sealed record LogZPenaltyOptions
{
    /// <summary>Weight of (log Z)^2 (the paper's 1e-4).</summary>
    public double Coefficient { get; init; } = 1e-4;
}

/// <summary>
/// Cross-entropy plus the output log-partition penalty of Wortsman et al., "Small-scale proxies for large-scale
/// Transformer training instabilities" (ICLR 2024): L = CE + 1e-4 (log Z)^2 with log Z = logsumexp(o), which keeps
/// the logits from drifting in a way softmax cannot see. Not to be confused with the Z-loss of de Brébisson &amp;
/// Vincent (the <c>z-loss</c> component), a different, scale-invariant loss.
/// </summary>
public sealed class LogZPenaltyCrossEntropy(LogZPenaltyOptions options) : ILoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        var logZ = logits.logsumexp(1);
        var crossEntropy = logZ - logits.gather(1, targets.unsqueeze(1)).squeeze(1);
        return (crossEntropy + options.Coefficient * logZ.square()).mean().MoveToOuterDisposeScope();
    }
}
