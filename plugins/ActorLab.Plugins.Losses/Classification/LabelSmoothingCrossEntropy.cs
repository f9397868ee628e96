using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Classification;

/// <summary>Options of <see cref="LabelSmoothingCrossEntropy"/>.</summary>
public sealed record LabelSmoothingOptions
{
    /// <summary>epsilon: the mass moved from the label to the uniform distribution over all K classes.</summary>
    [Range(0.0, 1.0)]
    public double Epsilon { get; init; } = 0.1;
}

/// <summary>
/// Cross-entropy against the smoothed target q = (1 - epsilon) one_hot(y) + epsilon / K (Szegedy et al., "Rethinking
/// the Inception Architecture for Computer Vision", CVPR 2016): L = -sum_k q_k log softmax(o)_k, batch mean.
/// </summary>
public sealed class LabelSmoothingCrossEntropy(LabelSmoothingOptions options) : ILoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        if (options.Epsilon is < 0 or > 1)
        {
            throw new ArgumentException($"label-smoothing: epsilon must be in [0, 1], got {options.Epsilon}");
        }

        using var scope = torch.NewDisposeScope();
        var logProbabilities = logits.log_softmax(1);
        var trueTerm = -logProbabilities.gather(1, targets.unsqueeze(1)).squeeze(1);
        var uniformTerm = -logProbabilities.mean([1L]);
        return ((1 - options.Epsilon) * trueTerm + options.Epsilon * uniformTerm).mean().MoveToOuterDisposeScope();
    }
}
