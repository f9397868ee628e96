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
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private readonly torch.Tensor _runningMean;
    private readonly torch.Tensor _runningVar;

    /// <summary>Normalises <paramref name="features"/> columns over ghost batches of <paramref name="ghostSize"/> rows (0: the whole batch).</summary>
    public GhostBatchNorm(long features, long ghostSize)
        : base(nameof(GhostBatchNorm))
    {
        _ghostSize = ghostSize;
        _weight = new Parameter(torch.ones(features));
        _bias = new Parameter(torch.zeros(features));
        _runningMean = torch.zeros(features);
        _runningVar = torch.ones(features);
        register_parameter("weight", _weight);
        register_parameter("bias", _bias);
        register_buffer("running_mean", _runningMean);
        register_buffer("running_var", _runningVar);
    }

    /// <inheritdoc />
    public override torch.Tensor forward(torch.Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        if (!training)
        {
            return ((input - _runningMean) / (_runningVar + Epsilon).sqrt() * _weight + _bias).MoveToOuterDisposeScope();
        }

        var rows = input.shape[0];
        var size = _ghostSize <= 0 ? rows : _ghostSize;
        var ghosts = new List<torch.Tensor>();
        for (long start = 0; start < rows; start += size)
        {
            var ghost = input.narrow(0, start, Math.Min(size, rows - start));
            var mean = ghost.mean([0L]);
            var variance = (ghost - mean).square().mean([0L]);
            ghosts.Add((ghost - mean) / (variance + Epsilon).sqrt() * _weight + _bias);
            using (torch.no_grad())
            {
                var n = ghost.shape[0];
                _runningMean.mul_(1 - Momentum).add_(mean.detach(), alpha: Momentum);
                _runningVar.mul_(1 - Momentum).add_(variance.detach() * (n > 1 ? n / (double)(n - 1) : 1.0), alpha: Momentum);
            }
        }

        return torch.cat(ghosts, 0).MoveToOuterDisposeScope();
    }
}
