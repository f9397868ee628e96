using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Models;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Core.Models;

/// <summary>Options of <see cref="MlpModel"/>.</summary>
public sealed record MlpOptions
{
    /// <summary>Widths of the hidden layers; the default is the 2NN of McMahan et al. (200, 200).</summary>
    [Range(1, int.MaxValue)]
    public int[] Hidden { get; init; } = [200, 200];

    /// <summary>Batch-normalise each hidden layer before its ReLU.</summary>
    public bool BatchNorm { get; init; }

    /// <summary>With <see cref="BatchNorm"/>: rows per ghost batch whose statistics normalise it (0: the whole batch).</summary>
    [Range(0, int.MaxValue)]
    public int GhostBatchSize { get; init; }
}

/// <summary>A multi-layer perceptron: Linear, [ghost batch norm,] ReLU, ..., Linear to class logits.</summary>
public sealed class MlpModel(MlpOptions options) : IModelFactory
{
    /// <inheritdoc />
    public Module<torch.Tensor, torch.Tensor> Create(ModelShape shape)
    {
        if (options.GhostBatchSize < 0 || (options.GhostBatchSize > 0 && !options.BatchNorm))
        {
            throw new ArgumentException($"mlp: ghostBatchSize must be 0 (whole batch) or positive with batchNorm true, got {options.GhostBatchSize} with batchNorm {options.BatchNorm}");
        }

        var (layers, width) = MlpLayers.Build("mlp", shape.InputFeatures, options.Hidden,
            options.BatchNorm ? features => new GhostBatchNorm(features, options.GhostBatchSize) : null);
        layers.Add(("out", Linear(width, shape.Classes)));
        return Sequential(layers);
    }
}
