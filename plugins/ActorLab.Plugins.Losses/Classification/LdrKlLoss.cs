using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Classification;

/// <summary>Options of <see cref="LdrKlLoss"/>.</summary>
public sealed record LdrKlOptions
{
    /// <summary>lambda, the temperature of the robust (soft-max) aggregation; large lambda tends to the mean.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double Lambda { get; init; } = 10;

    /// <summary>c, the margin added to every wrong class.</summary>
    public double Margin { get; init; } = 0.1;
}

/// <summary>
/// The label-distributionally robust loss LDR-KL of Zhu, Ying &amp; Yang, "Label Distributionally Robust Losses for
/// Multi-class Classification" (2023): scores normalised s &lt;- softplus(s) / mean_k softplus(s_k); d_k = c 1[k != y]
/// + s_k - s_y; L = lambda log((1/K) sum_k exp(d_k / lambda)), the KL-regularised worst case over label
/// distributions. The adaptive variant with a per-sample lambda is <see cref="AldrKlLoss"/>.
/// </summary>
public sealed class LdrKlLoss(LdrKlOptions options) : ILoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        if (options.Lambda <= 0)
        {
            throw new ArgumentException($"ldr-kl: lambda must be positive, got {options.Lambda}");
        }

        using var scope = torch.NewDisposeScope();
        return RobustAggregate(Gaps(logits, targets, options.Margin), options.Lambda).mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The margin-shifted gaps of normalised scores, d_k = c 1[k != y] + s_k - s_y with
    /// s = softplus(logits) / mean_k softplus(logits_k), shape [batch, classes].
    /// </summary>
    internal static torch.Tensor Gaps(torch.Tensor logits, torch.Tensor targets, double margin)
    {
        var soft = torch.nn.functional.softplus(logits);
        var s = soft / soft.mean([1L], keepdim: true);
        var trueScore = s.gather(1, targets.unsqueeze(1));
        var wrong = 1 - torch.nn.functional.one_hot(targets, logits.shape[1]).to_type(s.dtype);
        return margin * wrong + s - trueScore;
    }

    /// <summary>Per row, lambda log((1/K) sum_k exp(d_k / lambda)), shape [batch].</summary>
    /// <param name="gaps">[batch, classes], from <see cref="Gaps"/>.</param>
    /// <param name="lambda">[batch, 1], each row's lambda.</param>
    internal static torch.Tensor RobustAggregate(torch.Tensor gaps, torch.Tensor lambda)
        => (lambda * ((gaps / lambda).logsumexp(1, keepdim: true) - Math.Log(gaps.shape[1]))).squeeze(1);

    /// <summary>Per row, lambda log((1/K) sum_k exp(d_k / lambda)) for one lambda, shape [batch].</summary>
    internal static torch.Tensor RobustAggregate(torch.Tensor gaps, double lambda)
        => lambda * ((gaps / lambda).logsumexp(1) - Math.Log(gaps.shape[1]));
}
