using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ActorLab.Plugins.Losses.Optimizers;

/// <summary>Options of <see cref="AdamOptimizer"/>.</summary>
public sealed record AdamOptions
{
    /// <summary>beta1, the first-moment decay.</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>beta2, the second-moment decay.</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>L2 penalty added to the gradient (coupled weight decay; 0: none). For decoupled decay use adamw.</summary>
    [Range(0.0, double.MaxValue)]
    public double WeightDecay { get; init; }

    /// <summary>epsilon added to the denominator.</summary>
    [Range(0.0, double.MaxValue)]
    public double Epsilon { get; init; } = 1e-8;
}

/// <summary>
/// Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015; torch.optim.Adam):
/// m = beta1 m + (1 - beta1) g, v = beta2 v + (1 - beta2) g^2, w -= lr m_hat / (sqrt(v_hat) + eps), with an optional
/// L2 penalty folded into g (unlike <see cref="AdamWOptimizer"/>, whose decay bypasses the moments).
/// </summary>
public sealed class AdamOptimizer(AdamOptions options) : IOptimizerFactory
{
    /// <inheritdoc />
    public Optimizer Create(IEnumerable<Parameter> parameters, double learningRate)
        => Adam(parameters, lr: learningRate, beta1: options.Beta1, beta2: options.Beta2, eps: options.Epsilon, weight_decay: options.WeightDecay);
}
