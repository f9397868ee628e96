using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Preference;

/// <summary>Options of <see cref="BinaryClassifierOptimization"/>.</summary>
public sealed record BcoOptions
{
    /// <summary>beta, the scale of the implicit reward r = beta log(pi / pi_ref).</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double Beta { get; init; } = 0.1;

    /// <summary>
    /// The running mean's decay in [0, 1): after each batch delta &lt;- decay delta + (1 - decay) m, m the batch's mean
    /// reward; 0 uses the last batch's mean only.
    /// </summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Decay { get; init; } = 0.99;
}

/// <summary>
/// BCO (Jung et al., "Binary Classifier Optimization for Large Language Model Alignment", 2024): the implicit reward
/// r(x, y) = beta (log pi(y | x) - log pi_ref(y | x)) is the logit of a binary classifier that labels chosen responses
/// 1 and rejected ones 0, shifted by a reward shift delta:
/// L = mean[-log sigma(r_w - delta) - log sigma(-(r_l - delta))].
/// delta is a running mean of the rewards, a plain number (no gradient flows through it): it starts at 0, each batch's
/// loss uses the delta of the batches before it, and after the loss is computed
/// delta &lt;- decay delta + (1 - decay) mean_i (r_w,i + r_l,i) / 2 (the mean over the batch's chosen and rejected rewards).
/// One instance holds one delta, so use one instance per training run.
/// </summary>
public sealed class BinaryClassifierOptimization : IPreferenceLoss
{
    private readonly BcoOptions _options;

    /// <summary>Checks the options; delta starts at 0.</summary>
    public BinaryClassifierOptimization(BcoOptions options)
    {
        if (!(options.Beta > 0) || double.IsPositiveInfinity(options.Beta))
        {
            throw new ArgumentException($"bco: beta must be a positive finite number, got {options.Beta}; 0.1 is usual");
        }

        if (options.Decay is not (>= 0 and < 1))
        {
            throw new ArgumentException($"bco: decay must be in [0, 1), got {options.Decay}; e.g. 0.99 for a slow running mean");
        }

        _options = options;
    }

    /// <summary>The current reward shift delta (the running mean of past batches' rewards).</summary>
    public double Delta { get; private set; }

    /// <summary>How many batches have updated delta.</summary>
    public long Updates { get; private set; }

    /// <inheritdoc />
    public torch.Tensor Compute(PreferenceBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var chosen = _options.Beta * (batch.PolicyChosen - batch.ReferenceChosen.detach());
        var rejected = _options.Beta * (batch.PolicyRejected - batch.ReferenceRejected.detach());
        var loss = -torch.nn.functional.logsigmoid(chosen - Delta) - torch.nn.functional.logsigmoid(-(rejected - Delta));
        var result = loss.mean().MoveToOuterDisposeScope();
        var batchMean = ((chosen.detach() + rejected.detach()) / 2).mean().to_type(torch.ScalarType.Float64).item<double>();
        Delta = _options.Decay * Delta + (1 - _options.Decay) * batchMean;
        Updates++;
        return result;
    }
}
