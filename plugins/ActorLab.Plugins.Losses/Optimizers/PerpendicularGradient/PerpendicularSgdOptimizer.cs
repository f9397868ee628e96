using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ActorLab.Plugins.Losses.Optimizers.PerpendicularGradient;

/// <summary>Options of <see cref="PerpendicularSgdOptimizer"/>.</summary>
public sealed record PerpendicularSgdOptions
{
    /// <summary>Heavy-ball momentum applied to the perpendicular gradients (0 = plain ⊥SGD).</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Momentum { get; init; }
}

/// <summary>
/// ⊥SGD (Prieto, Barsbey, Mediano &amp; Birdal, "Grokking at the Edge of Numerical Stability", ICLR 2025): SGD with
/// optional momentum stepping with g_perp = g - (w.g / w.w) w rescaled to ||g|| of every parameter tensor
/// (see <see cref="PerpendicularGradientOptimizer"/>), w &lt;- w - lr g_perp without momentum.
/// </summary>
public sealed class PerpendicularSgdOptimizer(PerpendicularSgdOptions options) : IOptimizerFactory
{
    /// <inheritdoc />
    public Optimizer Create(IEnumerable<Parameter> parameters, double learningRate)
    {
        if (options.Momentum is < 0 or >= 1)
        {
            throw new ArgumentException($"perpendicular-sgd: option 'momentum' must be in [0, 1), got {options.Momentum}; use 0 for plain SGD or a value such as 0.9");
        }

        var list = parameters.ToList();
        return new PerpendicularGradientOptimizer(SGD(list, learningRate, momentum: options.Momentum), list);
    }
}
