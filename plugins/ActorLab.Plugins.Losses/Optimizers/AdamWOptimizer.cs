using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ActorLab.Plugins.Losses.Optimizers;

/// <summary>Options of <see cref="AdamWOptimizer"/>.</summary>
public sealed record AdamWOptions
{
    /// <summary>beta1, the first-moment decay.</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>beta2, the second-moment decay.</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Decoupled weight decay (0 gives Adam).</summary>
    [Range(0.0, double.MaxValue)]
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>epsilon added to the denominator.</summary>
    [Range(0.0, double.MaxValue)]
    public double Epsilon { get; init; } = 1e-8;
}

/// <summary>
/// AdamW (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019; torch.optim.AdamW): Adam's
/// moment estimates with the weight decay applied to the weights directly rather than through the gradient.
/// </summary>
public sealed class AdamWOptimizer(AdamWOptions options) : IOptimizerFactory
{
    /// <inheritdoc />
    public Optimizer Create(IEnumerable<Parameter> parameters, double learningRate)
        => AdamW(parameters, lr: learningRate, beta1: options.Beta1, beta2: options.Beta2, eps: options.Epsilon, weight_decay: options.WeightDecay);
}
