using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Classification;

/// <summary>Options of <see cref="AldrKlLoss"/>.</summary>
public sealed record AldrKlOptions
{
    /// <summary>lambda_0, the reference (and largest) lambda; every sample starts at it and evaluation uses it.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double Lambda { get; init; } = 10;

    /// <summary>
    /// alpha &gt; 1, the weight of the penalty that keeps lambda near lambda_0; lambda stays in
    /// [lambda_0 (1 - 1/alpha), lambda_0]. Infinity keeps every lambda at lambda_0 (then the loss is LDR-KL).
    /// </summary>
    [Range(1.0, double.PositiveInfinity, MinimumIsExclusive = true)]
    public double Alpha { get; init; } = 2;

    /// <summary>c, the margin added to every wrong class (as in LDR-KL).</summary>
    public double Margin { get; init; } = 0.1;
}

/// <summary>
/// The adaptive label-distributionally robust loss ALDR-KL of Zhu, Ying &amp; Yang, "Label Distributionally Robust
/// Losses for Multi-class Classification: Consistency, Robustness and Adaptivity" (ICML 2023). With LDR-KL's gaps
/// d_k = c 1[k != y] + s_k - s_y of normalised scores (see <see cref="LdrKlLoss"/>), each training sample i also
/// maximises over its own lambda:
/// L_i = max_lambda max_p sum_k p_k d_k - lambda KL(p || 1/K) - (alpha log K / (2 lambda_0)) (lambda - lambda_0)^2,
/// the penalty written in the authors' reference code's scaling (their alpha times log K / lambda_0), so that
/// alpha &gt; 1 keeps lambda positive. Per sample it keeps lambda_i (lambda_0 before its first visit) and at each visit
/// takes one step of block maximisation, both in closed form and without gradient:
/// p = softmax(d / lambda_i) with the stored lambda_i, KL_i = sum_k p_k log(K p_k), then
/// lambda_i &lt;- lambda_0 (1 - KL_i / (alpha log K)) (in [lambda_0 (1 - 1/alpha), lambda_0], since KL_i &lt;= log K), and
/// L_i = lambda_i log((1/K) sum_k exp(d_k / lambda_i)) - lambda_0 KL_i^2 / (2 alpha log K),
/// the penalty term at the new lambda_i (a constant for the gradient). The batch loss is the mean.
/// Differences from the reference code: p includes the margin (the inner maximiser of the formula above; the code
/// leaves it out), and scores are normalised by softplus as in <see cref="LdrKlLoss"/> (the code's default divides
/// the raw scores by their mean absolute value). Within one batch every row reads the state from before the batch;
/// a sample index that appears twice keeps the later row's lambda.
/// The plain <see cref="Compute(torch.Tensor, torch.Tensor)"/> (evaluation) is LDR-KL at lambda_0 and leaves the state alone.
/// </summary>
public sealed class AldrKlLoss : ISampleAwareLoss
{
    private readonly AldrKlOptions _options;
    private readonly List<double> _lambda = [];

    /// <summary>Checks the options; the per-sample state starts empty and grows as sample indices appear.</summary>
    public AldrKlLoss(AldrKlOptions options)
    {
        if (!(options.Lambda > 0) || double.IsPositiveInfinity(options.Lambda))
        {
            throw new ArgumentException($"aldr-kl: lambda must be a positive finite number, got {options.Lambda}; the paper's grid is 0.1, 1 or 10");
        }

        if (!(options.Alpha > 1))
        {
            throw new ArgumentException($"aldr-kl: alpha must be greater than 1 so that lambda stays positive, got {options.Alpha}; the paper uses 2 (infinity gives fixed-lambda LDR-KL)");
        }

        if (!double.IsFinite(options.Margin))
        {
            throw new ArgumentException($"aldr-kl: margin must be a finite number, got {options.Margin}; the default is 0.1");
        }

        _options = options;
    }

    /// <summary>How many sample indices the state covers (one more than the largest index seen so far).</summary>
    public int StateSize => _lambda.Count;

    /// <summary>The current lambda of a training sample: lambda_0 until the sample has been seen.</summary>
    public double LambdaOf(long sampleIndex) => sampleIndex < _lambda.Count ? _lambda[(int)sampleIndex] : _options.Lambda;

    /// <summary>Evaluation: LDR-KL with lambda = lambda_0; the per-sample state is neither read nor changed.</summary>
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        RequireClasses(logits);
        using var scope = torch.NewDisposeScope();
        return LdrKlLoss.RobustAggregate(LdrKlLoss.Gaps(logits, targets, _options.Margin), _options.Lambda).mean().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets, torch.Tensor sampleIndices)
    {
        RequireClasses(logits);
        var indices = sampleIndices.cpu().to_type(torch.ScalarType.Int64).data<long>().ToArray();
        if (indices.Length != logits.shape[0])
        {
            throw new ArgumentException($"aldr-kl: got {indices.Length} sample indices for {logits.shape[0]} rows; pass one training-split index per row");
        }

        if (indices.Length > 0 && (indices.Min() < 0 || indices.Max() >= int.MaxValue))
        {
            throw new ArgumentException($"aldr-kl: sample indices must be in [0, {int.MaxValue}), got {indices.Min()}..{indices.Max()}; pass the rows' indices in the training split");
        }

        using var scope = torch.NewDisposeScope();
        var gaps = LdrKlLoss.Gaps(logits, targets, _options.Margin);
        var logK = Math.Log(logits.shape[1]);
        var stored = torch.tensor(indices.Select(LambdaOf).ToArray(), dtype: torch.ScalarType.Float64, device: gaps.device).unsqueeze(1);
        double[] kl;
        using (torch.no_grad())
        {
            var logP = (gaps.detach().to_type(torch.ScalarType.Float64) / stored).log_softmax(1);
            kl = (logP.exp() * (logP + logK)).sum([1L]).cpu().data<double>().ToArray();
        }

        var lambda = kl.Select(v => _options.Lambda * (1 - v / (_options.Alpha * logK))).ToArray();
        var penalty = kl.Select(v => _options.Lambda * v * v / (2 * _options.Alpha * logK)).ToArray();
        Store(indices, lambda);
        var lambdaColumn = torch.tensor(lambda, dtype: gaps.dtype, device: gaps.device).unsqueeze(1);
        var loss = LdrKlLoss.RobustAggregate(gaps, lambdaColumn) - torch.tensor(penalty, dtype: gaps.dtype, device: gaps.device);
        return loss.mean().MoveToOuterDisposeScope();
    }

    private void Store(long[] indices, double[] lambda)
    {
        for (var row = 0; row < indices.Length; row++)
        {
            var index = (int)indices[row];
            while (_lambda.Count <= index)
            {
                _lambda.Add(_options.Lambda);
            }

            _lambda[index] = lambda[row];
        }
    }

    private static void RequireClasses(torch.Tensor logits)
    {
        if (logits.dim() != 2 || logits.shape[1] < 2)
        {
            throw new ArgumentException($"aldr-kl: logits must be [batch, classes] with at least 2 classes, got [{string.Join(", ", logits.shape)}]");
        }
    }
}
