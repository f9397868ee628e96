using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Core.Models;

/// <summary>
/// Ghost batch normalisation (Hoffer, Hubara &amp; Soudry, "Train longer, generalize better: closing the generalization
/// gap in large batch training of neural networks", NeurIPS 2017): in training, the batch is cut into ghost batches of
/// <c>ghostSize</c> rows (the last may be smaller) and each is normalised with its own statistics,
/// y = (x - mean_g) / sqrt(var_g + eps) * gamma + beta, so a large batch keeps the noise of small-batch statistics;
/// the running statistics are updated once per ghost batch (momentum 0.1, unbiased variance, as torch's BatchNorm).
/// In evaluation the running statistics are used. A ghost size at least the batch size is ordinary batch norm.
/// The running statistics are buffers, not parameters: they are not averaged across data-parallel replicas or
/// federated clients, nor saved in checkpoints (which hold parameters).
/// </summary>
public sealed class GhostBatchNorm : Module<torch.Tensor, torch.Tensor>
{
    private const double Momentum = 0.1;
    private const double Epsilon = 1e-5;
    private readonly long _ghostSize;

    /// <summary>Normalises <paramref name="features"/> columns over ghost batches of <paramref name="ghostSize"/> rows (0: the whole batch).</summary>
    public GhostBatchNorm(long features, long ghostSize)
        : base(nameof(GhostBatchNorm))
    {
        _ghostSize = ghostSize;
        register_parameter("weight", new Parameter(torch.ones(features)));
        register_parameter("bias", new Parameter(torch.zeros(features)));
        register_buffer("running_mean", torch.zeros(features));
        register_buffer("running_var", torch.ones(features));
    }

    /// <inheritdoc />
    public override torch.Tensor forward(torch.Tensor input)
    {
        // Looked up by name on every call, not held in fields: moving the module (to a device or a dtype) replaces them.
        var (weight, bias) = (get_parameter("weight")!, get_parameter("bias")!);
        var (runningMean, runningVar) = (get_buffer("running_mean")!, get_buffer("running_var")!);
        using var scope = torch.NewDisposeScope();
        if (!training)
        {
            return ((input - runningMean) / (runningVar + Epsilon).sqrt() * weight + bias).MoveToOuterDisposeScope();
        }

        var rows = input.shape[0];
        var size = _ghostSize <= 0 ? rows : _ghostSize;
        var ghosts = new List<torch.Tensor>();
        for (long start = 0; start < rows; start += size)
        {
            var ghost = input.narrow(0, start, Math.Min(size, rows - start));
            var mean = ghost.mean([0L]);
            var variance = (ghost - mean).square().mean([0L]);
            ghosts.Add((ghost - mean) / (variance + Epsilon).sqrt() * weight + bias);
            using (torch.no_grad())
            {
                var n = ghost.shape[0];
                runningMean.mul_(1 - Momentum).add_(mean.detach(), alpha: Momentum);
                runningVar.mul_(1 - Momentum).add_(variance.detach() * (n > 1 ? n / (double)(n - 1) : 1.0), alpha: Momentum);
            }
        }

        return torch.cat(ghosts, 0).MoveToOuterDisposeScope();
    }
}
