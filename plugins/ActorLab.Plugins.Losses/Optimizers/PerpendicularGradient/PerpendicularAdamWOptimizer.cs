using ActorLab.Contracts.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ActorLab.Plugins.Losses.Optimizers.PerpendicularGradient;

/// <summary>
/// ⊥AdamW (Prieto, Barsbey, Mediano &amp; Birdal, "Grokking at the Edge of Numerical Stability", ICLR 2025): AdamW
/// (options as <see cref="AdamWOptions"/>) stepping with the perpendicular gradient
/// g_perp = g - (w.g / w.w) w rescaled to ||g|| of every parameter tensor (see <see cref="PerpendicularGradientOptimizer"/>).
/// </summary>
public sealed class PerpendicularAdamWOptimizer(AdamWOptions options) : IOptimizerFactory
{
    /// <inheritdoc />
    public Optimizer Create(IEnumerable<Parameter> parameters, double learningRate)
    {
        var list = parameters.ToList();
        return new PerpendicularGradientOptimizer(new AdamWOptimizer(options).Create(list, learningRate), list);
    }
}
