using ActorLab.Contracts.Models;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Core.Models;

/// <summary>Options of <see cref="MlpModel"/>.</summary>
public sealed record MlpOptions
{
    /// <summary>Widths of the hidden layers; the default is the 2NN of McMahan et al. (200, 200).</summary>
    public int[] Hidden { get; init; } = [200, 200];
}

/// <summary>A multi-layer perceptron: Linear, ReLU, ..., Linear to class logits.</summary>
public sealed class MlpModel(MlpOptions options) : IModelFactory
{
    /// <inheritdoc />
    public Module<torch.Tensor, torch.Tensor> Create(ModelShape shape)
    {
        if (options.Hidden.Any(width => width <= 0))
        {
            throw new ArgumentException($"mlp: every hidden width must be positive, got [{string.Join(", ", options.Hidden)}]");
        }

        var layers = new List<(string, Module<torch.Tensor, torch.Tensor>)>();
        var width = shape.InputFeatures;
        for (var i = 0; i < options.Hidden.Length; i++)
        {
            layers.Add(($"fc{i + 1}", Linear(width, options.Hidden[i])));
            layers.Add(($"relu{i + 1}", ReLU()));
            width = options.Hidden[i];
        }

        layers.Add(("out", Linear(width, shape.Classes)));
        return Sequential(layers);
    }
}
