using ActorLab.Contracts.Models;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLabPlugin1;

/// <summary>Options of <see cref="TanhNetwork"/>.</summary>
public sealed record TanhNetworkOptions
{
    /// <summary>Width of the hidden layer.</summary>
    public int Hidden { get; init; } = 32;
}

/// <summary>
/// logits = W2 tanh(W1 x + b1) + b2. The host seeds torch's generator before it calls Create (through
/// SeededTorch), so the initial weights depend on the run seed only; the parameter order is fixed by the layers.
/// </summary>
public sealed class TanhNetwork(TanhNetworkOptions options) : IModelFactory
{
    /// <inheritdoc />
    public Module<torch.Tensor, torch.Tensor> Create(ModelShape shape) => Sequential(
        ("hidden", Linear(shape.InputFeatures, options.Hidden)),
        ("tanh", Tanh()),
        ("output", Linear(options.Hidden, shape.Classes)));
}
