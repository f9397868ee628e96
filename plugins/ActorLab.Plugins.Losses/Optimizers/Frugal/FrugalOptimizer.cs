using ActorLab.Contracts.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ActorLab.Plugins.Losses.Optimizers.Frugal;

/// <summary>
/// Creates <see cref="FrugalTorchOptimizer"/>: FRUGAL (Zmushko et al., ICML 2025), Adam on a random rho share of
/// every tensor's coordinates (redrawn every T steps), signSGD on the rest.
/// </summary>
public sealed class FrugalOptimizer(FrugalOptions options) : IOptimizerFactory
{
    /// <inheritdoc />
    public Optimizer Create(IEnumerable<Parameter> parameters, double learningRate) => new FrugalTorchOptimizer(parameters, learningRate, options);
}
