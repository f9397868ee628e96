using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ActorLab.Contracts.Optimizers;

/// <summary>Creates the optimizer a trainer or simulated client uses for its local steps.</summary>
public interface IOptimizerFactory
{
    /// <summary>Creates an optimizer over <paramref name="parameters"/> with the run's learning rate.</summary>
    Optimizer Create(IEnumerable<Parameter> parameters, double learningRate);
}
