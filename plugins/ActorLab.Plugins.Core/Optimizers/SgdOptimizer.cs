using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ActorLab.Plugins.Core.Optimizers;

/// <summary>Options of <see cref="SgdOptimizer"/>.</summary>
public sealed record SgdOptions
{
    /// <summary>Heavy-ball momentum (0 = plain SGD).</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Momentum { get; init; }

    /// <summary>L2 weight decay.</summary>
    [Range(0.0, double.MaxValue)]
    public double WeightDecay { get; init; }
}

/// <summary>Stochastic gradient descent (torch.optim.SGD).</summary>
public sealed class SgdOptimizer(SgdOptions options) : IOptimizerFactory
{
    /// <inheritdoc />
    public Optimizer Create(IEnumerable<Parameter> parameters, double learningRate)
        => SGD(parameters, learningRate, momentum: options.Momentum, weight_decay: options.WeightDecay);
}
