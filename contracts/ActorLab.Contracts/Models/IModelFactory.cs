using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Contracts.Models;

/// <summary>The shape of a classification problem a model is built for.</summary>
/// <param name="InputFeatures">Length of one flattened input vector.</param>
/// <param name="Classes">Number of output classes (logits per input).</param>
public sealed record ModelShape(int InputFeatures, int Classes);

/// <summary>
/// Builds a model for a problem shape. The host seeds torch's generator before the first model is built
/// and ships parameters between actors as one flat float buffer in <c>parameters()</c> order, so a model
/// must be deterministic in structure and keep a fixed parameter order.
/// </summary>
public interface IModelFactory
{
    /// <summary>Creates a fresh module mapping [batch, InputFeatures] to [batch, Classes] logits.</summary>
    Module<torch.Tensor, torch.Tensor> Create(ModelShape shape);
}
