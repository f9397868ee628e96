using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Preference;

/// <summary>Options of <see cref="DirectPreferenceOptimization"/>.</summary>
public sealed record DpoOptions
{
    /// <summary>beta, the strength of the implicit KL constraint to the reference.</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>rDPO's assumed label-flip rate epsilon in [0, 1/2); 0 is plain DPO.</summary>
    [Range(0.0, 0.5, MaximumIsExclusive = true)]
    public double FlipRate { get; init; }
}

/// <summary>
/// DPO (Rafailov et al., "Direct Preference Optimization", NeurIPS 2023): with the implicit reward margin
/// h = beta [(log pi(y_w) - log pi_ref(y_w)) - (log pi(y_l) - log pi_ref(y_l))], L = -log sigma(h). With a flip rate
/// epsilon &gt; 0 it is robust DPO (Chowdhury, Kini &amp; Natarajan, "Provably Robust DPO", ICML 2024), the unbiased loss
/// under labels flipped with probability epsilon: [(1 - epsilon)(-log sigma(h)) + epsilon log sigma(-h)] / (1 - 2 epsilon).
/// </summary>
public sealed class DirectPreferenceOptimization(DpoOptions options) : IPreferenceLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(PreferenceBatch batch)
    {
        if (options.FlipRate is < 0 or >= 0.5)
        {
            throw new ArgumentException($"dpo: flipRate must be in [0, 0.5), got {options.FlipRate}");
        }

        using var scope = torch.NewDisposeScope();
        var h = options.Beta * (batch.PolicyChosen - batch.ReferenceChosen - (batch.PolicyRejected - batch.ReferenceRejected));
        var forward = -torch.nn.functional.logsigmoid(h);
        var loss = options.FlipRate == 0
            ? forward
            : ((1 - options.FlipRate) * forward + options.FlipRate * torch.nn.functional.logsigmoid(-h)) / (1 - 2 * options.FlipRate);
        return loss.mean().MoveToOuterDisposeScope();
    }
}
