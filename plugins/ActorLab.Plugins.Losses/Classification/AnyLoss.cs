using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Classification;

/// <summary>Options of <see cref="AnyLoss"/>.</summary>
public sealed record AnyLossOptions
{
    /// <summary>The metric made differentiable: accuracy, f-beta, g-mean or balanced-accuracy.</summary>
    [AllowedValues("accuracy", "f-beta", "g-mean", "balanced-accuracy")]
    public string Metric { get; init; } = "f-beta";

    /// <summary>beta of F-beta (1: F1).</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>L, the amplifier's steepness (the paper's 73).</summary>
    public double Steepness { get; init; } = 73;
}

/// <summary>
/// AnyLoss (Han, Kim &amp; Kim, "AnyLoss: Transforming Classification Metrics into Loss Functions", KDD 2024), for binary
/// classification (two logits; class 1 is positive): the amplifier A(p) = 1 / (1 + exp(-L (p - 0.5))), L = 73, pushes
/// the positive-class probability p towards 0 or 1, and soft confusion counts over the mini-batch follow:
/// TP = sum y A, FN = sum y - TP, FP = sum A - TP, TN = N - sum y - sum A + TP. The loss is 1 - metric:
/// accuracy (TP + TN) / N, F-beta (1 + b^2) TP / (b^2 sum y + sum A), G-mean sqrt(TPR TNR), balanced accuracy
/// (TPR + TNR) / 2. A zero denominator (no positives in the batch) counts as a metric of 0 rather than NaN.
/// </summary>
public sealed class AnyLoss(AnyLossOptions options) : ILoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        if (logits.shape[1] != 2)
        {
            throw new ArgumentException($"anyloss: binary classification only (2 classes), got {logits.shape[1]}");
        }

        using var scope = torch.NewDisposeScope();
        var p = logits.softmax(1).select(1, 1);
        var amplified = torch.sigmoid(options.Steepness * (p - 0.5));
        var y = targets.to_type(p.dtype);
        var n = (double)targets.shape[0];
        var positives = y.sum();
        var predicted = amplified.sum();
        var tp = (y * amplified).sum();
        var fn = positives - tp;
        var fp = predicted - tp;
        var tn = n - positives - predicted + tp;
        torch.Tensor Ratio(torch.Tensor a, torch.Tensor b) => a / b.clamp_min(1e-12);
        var metric = options.Metric switch
        {
            "accuracy" => (tp + tn) / n,
            "f-beta" => Ratio((1 + options.Beta * options.Beta) * tp, options.Beta * options.Beta * positives + predicted),
            "g-mean" => (Ratio(tp, tp + fn) * Ratio(tn, tn + fp)).clamp_min(0).sqrt(),
            "balanced-accuracy" => (Ratio(tp, tp + fn) + Ratio(tn, tn + fp)) / 2,
            _ => throw new ArgumentException($"anyloss: metric must be accuracy, f-beta, g-mean or balanced-accuracy, got '{options.Metric}'"),
        };
        return (1 - metric).MoveToOuterDisposeScope();
    }
}
