using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Preference;

/// <summary>Options of <see cref="NegativePreferenceOptimization"/>.</summary>
public sealed record NpoOptions
{
    /// <summary>beta; as beta tends to 0 the loss tends to gradient ascent on the forget set's log-likelihood.</summary>
    public double Beta { get; init; } = 0.1;
}

/// <summary>
/// NPO (Zhang, Lin, Bai &amp; Mei, "Negative Preference Optimization: From Catastrophic Collapse to Effective
/// Unlearning", 2024): on forget-set samples, L = -(2 / beta) E log sigma(-beta log(pi / pi_ref)), a bounded,
/// slowly-diverging alternative to gradient ascent.
/// </summary>
public sealed class NegativePreferenceOptimization(NpoOptions options) : IUnlearningLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor policy, torch.Tensor reference)
    {
        using var scope = torch.NewDisposeScope();
        var loss = -(2 / options.Beta) * torch.nn.functional.logsigmoid(-options.Beta * (policy - reference));
        return loss.mean().MoveToOuterDisposeScope();
    }
}
