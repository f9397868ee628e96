using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Core.Losses;

/// <summary>Options of <see cref="ZLoss"/>.</summary>
/// <param name="A">Sharpness a of the softplus (reference code: 1).</param>
/// <param name="B">Margin b on the standardised true-class score (reference code: 0).</param>
public sealed record ZLossOptions([property: Range(0.0, double.MaxValue, MinimumIsExclusive = true)] double A = 1.0, double B = 0.0)
{
    /// <summary>Defaults of the reference code.</summary>
    public ZLossOptions() : this(1.0, 0.0)
    {
    }
}

/// <summary>
/// The Z-loss of de Brébisson &amp; Vincent, "The Z-loss: a shift and scale invariant classification loss
/// belonging to the spherical family" (2016). With logits o, z = (o_y - mean(o)) / std(o) and
/// L = softplus(a (b - z)) / a, averaged over the batch. Because z standardises the logits, L is unchanged
/// under o -> alpha o + beta for every alpha &gt; 0, which cross-entropy is not (it is only shift invariant).
/// std is the population standard deviation; it is clamped below at 1e-12 so that constant logits give a
/// finite loss instead of NaN (this never changes a non-degenerate batch).
/// </summary>
public sealed class ZLoss(ZLossOptions options) : ILoss
{
    /// <summary>A Z-loss with the reference defaults a = 1, b = 0.</summary>
    public ZLoss() : this(new ZLossOptions())
    {
    }

    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        var mean = logits.mean([1L], keepdim: true);
        var std = logits.std(1, unbiased: false, keepdim: true).clamp_min(1e-12);
        var trueScore = logits.gather(1, targets.unsqueeze(1));
        var z = (trueScore - mean) / std;
        var loss = torch.nn.functional.softplus(options.A * (options.B - z)) / options.A;
        return loss.mean().MoveToOuterDisposeScope();
    }
}
