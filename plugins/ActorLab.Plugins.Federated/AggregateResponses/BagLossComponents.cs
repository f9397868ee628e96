using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Federated.AggregateResponses;

/// <summary>Options of the <c>interpolating</c> bag loss.</summary>
public sealed record InterpolatingOptions
{
    /// <summary>rho in L_bag + rho R (0: bag-level, 1: instance-level).</summary>
    public double Rho { get; init; } = 0.5;
}

/// <summary>The bag-level loss L_bag of <see cref="BagLosses"/> as a component (Javanmard et al. 2024).</summary>
public sealed class BagLevelLoss : IBagLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor predictions, torch.Tensor bagOfRow, torch.Tensor bagResponses) =>
        BagLosses.BagLevel(predictions, bagOfRow, bagResponses);
}

/// <summary>The instance-level loss L_inst of <see cref="BagLosses"/> as a component (Javanmard et al. 2024).</summary>
public sealed class InstanceLevelLoss : IBagLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor predictions, torch.Tensor bagOfRow, torch.Tensor bagResponses) =>
        BagLosses.InstanceLevel(predictions, bagOfRow, bagResponses);
}

/// <summary>The interpolating loss L_bag + rho R of <see cref="BagLosses"/> as a component (Javanmard et al. 2024).</summary>
public sealed class InterpolatingLoss(InterpolatingOptions options) : IBagLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor predictions, torch.Tensor bagOfRow, torch.Tensor bagResponses) =>
        BagLosses.Interpolating(predictions, bagOfRow, bagResponses, options.Rho);
}
