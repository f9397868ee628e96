using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Preference;

/// <summary>Options of <see cref="UnlearningFromLogitDifference"/>.</summary>
public sealed record UldOptions
{
    /// <summary>The assistant's weight in the unlearned logits, target + weight x assistant (negative: subtracted).</summary>
    [Range(-10.0, 0.0)]
    public double Weight { get; init; } = -0.8;

    /// <summary>Weight of the assistant's uniform-target (forget the retain set) term.</summary>
    [Range(0.0, 100.0)]
    public double RetainWeight { get; init; } = 1.0;

    /// <summary>The assistant's logits count only where the target's probability is at least this share of its top one.</summary>
    [Range(0.0, 1.0)]
    public double TopLogitFilter { get; init; } = 0.1;
}

/// <summary>
/// ULD (Ji et al., "Reversing the Forget-Retain Objectives: An Efficient LLM Unlearning Framework from Logit
/// Difference", NeurIPS 2024): an assistant copy of the target is trained to remember the forget set,
/// L_forget = -mean[log pi_a(y | x)] (this loss), and to forget the retain set (the host's uniform-target term, weighted
/// by <c>retainWeight</c>); the unlearned model's logits are l_target + w l_assistant (w = <c>weight</c> &lt; 0) on the
/// tokens the target gives at least <c>topLogitFilter</c> times its top probability, l_target elsewhere (the reference
/// code's relative top filter). The target itself never changes.
/// </summary>
public sealed class UnlearningFromLogitDifference(UldOptions options) : IAssistantUnlearning
{
    /// <inheritdoc />
    public double AssistantWeight => options.Weight;

    /// <inheritdoc />
    public double RetainWeight => options.RetainWeight;

    /// <inheritdoc />
    public double TopLogitFilter => options.TopLogitFilter;

    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor policy, torch.Tensor reference) => -policy.mean();
}
