using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Models;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Losses.Distillation;

/// <summary>Options of <see cref="DualHeadMlpModel"/>.</summary>
public sealed record DualHeadMlpOptions
{
    /// <summary>Widths of the shared backbone's hidden layers.</summary>
    [Range(1, int.MaxValue)]
    public int[] Hidden { get; init; } = [200, 200];
}

/// <summary>
/// The student of dual-head distillation (<see cref="DualHeadKd"/>): an MLP backbone (Linear, ReLU, ...) with two linear
/// heads. In training mode it outputs [head 1 | head 2] (2 x classes columns) for the <c>dhkd</c> loss; in evaluation
/// mode only head 1, so evaluation, metrics and a teacher's logits see an ordinary classifier. Use it with <c>dhkd</c>.
/// </summary>
public sealed class DualHeadMlpModel(DualHeadMlpOptions options) : IModelFactory
{
    /// <inheritdoc />
    public Module<torch.Tensor, torch.Tensor> Create(ModelShape shape)
    {
        if (options.Hidden.Length == 0)
        {
            throw new ArgumentException("dual-head-mlp: 'hidden' needs at least one width (the heads share a backbone)");
        }

        var (layers, width) = MlpLayers.Build("dual-head-mlp", shape.InputFeatures, options.Hidden);
        return new DualHeadNetwork(Sequential(layers), Linear(width, shape.Classes), Linear(width, shape.Classes));
    }

    /// <summary>Backbone and heads; parameters in the order backbone, head 1, head 2.</summary>
    private sealed class DualHeadNetwork : Module<torch.Tensor, torch.Tensor>
    {
        private readonly Module<torch.Tensor, torch.Tensor> backbone;
        private readonly Module<torch.Tensor, torch.Tensor> head1;
        private readonly Module<torch.Tensor, torch.Tensor> head2;

        public DualHeadNetwork(Module<torch.Tensor, torch.Tensor> backbone, Module<torch.Tensor, torch.Tensor> head1, Module<torch.Tensor, torch.Tensor> head2)
            : base("dual-head-mlp")
        {
            this.backbone = backbone;
            this.head1 = head1;
            this.head2 = head2;
            RegisterComponents();
        }

        public override torch.Tensor forward(torch.Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var features = backbone.call(input);
            var output = training ? torch.cat([head1.call(features), head2.call(features)], 1) : head1.call(features);
            return output.MoveToOuterDisposeScope();
        }
    }
}
