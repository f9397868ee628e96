using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Classification;

/// <summary>Options of <see cref="SelfAdjustingDiceLoss"/>.</summary>
public sealed record DiceOptions
{
    /// <summary>alpha of the self-adjusting factor (1 - p)^alpha.</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Smoothing s added to numerator and denominator.</summary>
    public double Smoothing { get; init; } = 1e-4;
}

/// <summary>
/// The self-adjusting Dice loss of Li et al., "Dice Loss for Data-imbalanced NLP Tasks" (ACL 2020): with p the softmax
/// probabilities and y the one-hot labels, p~ = (1 - p)^alpha p down-weights easy examples, and per class c
/// DSC_c = 1 - (2 sum_i p~_ic y_ic + s) / (sum_i p~_ic + sum_i y_ic + s) over the mini-batch; the loss is the sum over
/// classes. Being a soft F1, it targets F1 on rare classes rather than accuracy.
/// </summary>
public sealed class SelfAdjustingDiceLoss(DiceOptions options) : ILoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        var p = logits.softmax(1);
        var y = torch.nn.functional.one_hot(targets, logits.shape[1]).to_type(p.dtype);
        var adjusted = (1 - p).pow(options.Alpha) * p;
        var numerator = 2 * (adjusted * y).sum(0L) + options.Smoothing;
        var denominator = adjusted.sum(0L) + y.sum(0L) + options.Smoothing;
        return (1 - numerator / denominator).sum().MoveToOuterDisposeScope();
    }
}
