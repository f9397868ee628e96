using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Contracts.Models;

/// <summary>The hidden stack of a multi-layer perceptron, shared by the model plugins that put heads on it.</summary>
public static class MlpLayers
{
    /// <summary>
    /// Linear, [normalisation,] ReLU for each hidden width, named fc1, norm1, relu1, ...; returns the layers and the
    /// width of the last one (the input width when <paramref name="hidden"/> is empty).
    /// </summary>
    /// <param name="component">The model's name, for errors.</param>
    /// <param name="inputFeatures">Input width.</param>
    /// <param name="hidden">Hidden widths, each positive; their parameters must fit in memory (an <see cref="ArgumentException"/> for <c>hidden</c> otherwise).</param>
    /// <param name="normalisation">Builds a normalisation layer for a width (batch norm, ghost batch norm), or null for none.</param>
    public static (List<(string Name, Module<torch.Tensor, torch.Tensor> Layer)> Layers, int Width) Build(
        string component, int inputFeatures, IReadOnlyList<int> hidden, Func<int, Module<torch.Tensor, torch.Tensor>>? normalisation = null)
    {
        if (hidden.Any(width => width <= 0))
        {
            throw new ArgumentException($"{component}: every hidden width must be positive, got [{string.Join(", ", hidden)}]");
        }

        // Counted before anything is allocated: the layers' weights and biases (and a normalisation's scale and shift).
        var parameters = 0.0;
        var from = (double)inputFeatures;
        foreach (var layer in hidden)
        {
            parameters += from * layer + layer + (normalisation is null ? 0 : 2.0 * layer);
            from = layer;
        }

        ParameterMemory.Check(component, "hidden", hidden.Count <= 8 ? $"[{string.Join(", ", hidden)}]" : $"({hidden.Count} layers)", parameters);

        var layers = new List<(string, Module<torch.Tensor, torch.Tensor>)>();
        var width = inputFeatures;
        for (var i = 0; i < hidden.Count; i++)
        {
            layers.Add(($"fc{i + 1}", Linear(width, hidden[i])));
            if (normalisation is not null)
            {
                layers.Add(($"norm{i + 1}", normalisation(hidden[i])));
            }

            layers.Add(($"relu{i + 1}", ReLU()));
            width = hidden[i];
        }

        return (layers, width);
    }
}
