using ActorLab.Contracts.Models;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Core.Models;

/// <summary>Multinomial logistic regression: one linear layer from features to class logits.</summary>
public sealed class LogisticRegressionModel : IModelFactory
{
    /// <inheritdoc />
    public Module<torch.Tensor, torch.Tensor> Create(ModelShape shape)
        => Linear(shape.InputFeatures, shape.Classes);
}
