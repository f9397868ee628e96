using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Reinforcement;

/// <summary>Options of <see cref="GroupRelativePolicyOptimization"/>.</summary>
public sealed record GrpoOptions
{
    /// <summary>Lower clip of the ratio: 1 - ClipLow (GRPO 0.2, NGRPO 0.16).</summary>
    public double ClipLow { get; init; } = 0.2;

    /// <summary>Upper clip of the ratio: 1 + ClipHigh (GRPO 0.2, NGRPO 0.24).</summary>
    public double ClipHigh { get; init; } = 0.2;

    /// <summary>beta, the weight of the KL penalty to the reference.</summary>
    public double Beta { get; init; } = 0.04;

    /// <summary>
    /// NGRPO: normalise advantages over the group plus one virtual sample with this maximum reward, so a group whose
    /// outputs all failed still gets a (negative) learning signal. Null for GRPO.
    /// </summary>
    public double? VirtualMaxReward { get; init; }
}

/// <summary>
/// GRPO (Shao et al., "DeepSeekMath", 2024): per group, advantages A_i = (r_i - mean r) / (std r + 1e-8); with the
/// ratio rho_i = pi / pi_old, L = -mean[min(rho A, clip(rho, 1 - eps_low, 1 + eps_high) A)] + beta KL, the KL to the
/// reference by the unbiased k3 estimator exp(ref - log pi) - (ref - log pi) - 1. With
/// <see cref="GrpoOptions.VirtualMaxReward"/> it is NGRPO (Nan et al., 2025): the mean and std also count one virtual
/// sample of maximum reward, and the clip is asymmetric (1 - 0.16, 1 + 0.24), so all-wrong groups are pushed away
/// from rather than ignored. Sequence-level ratios (one log-probability per output).
/// </summary>
public sealed class GroupRelativePolicyOptimization(GrpoOptions options) : IGroupPolicyLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(GroupBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var rewards = batch.Rewards.to_type(batch.Policy.dtype);
        var pool = options.VirtualMaxReward is { } max
            ? torch.cat([rewards, torch.full([rewards.shape[0], 1], max, dtype: rewards.dtype)], 1)
            : rewards;
        var mean = pool.mean([1L], keepdim: true);
        var std = pool.std(1, unbiased: false, keepdim: true);
        var advantage = (rewards - mean) / (std + 1e-8);
        var surrogate = ClippedSurrogate(batch.Policy, batch.Old, advantage, options.ClipLow, options.ClipHigh);
        return (-surrogate + options.Beta * K3(batch.Reference, batch.Policy)).mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The clipped surrogate min(rho A, clip(rho, 1 - clipLow, 1 + clipHigh) A) with rho = exp(policy - old), elementwise;
    /// <paramref name="old"/> is detached.
    /// </summary>
    internal static torch.Tensor ClippedSurrogate(torch.Tensor policy, torch.Tensor old, torch.Tensor advantage, double clipLow, double clipHigh)
    {
        var ratio = (policy - old.detach()).exp();
        var clipped = ratio.clamp(1 - clipLow, 1 + clipHigh);
        return torch.minimum(ratio * advantage, clipped * advantage);
    }

    /// <summary>The k3 estimate of KL(pi || pi_ref) from log-probabilities, exp(ref - pi) - (ref - pi) - 1, elementwise; the reference is detached.</summary>
    internal static torch.Tensor K3(torch.Tensor reference, torch.Tensor policy)
    {
        var gap = reference.detach() - policy;
        return gap.exp() - gap - 1;
    }
}

/// <summary>Options of NGRPO: GRPO's with the paper's asymmetric clip and a virtual maximum-reward sample of 1.</summary>
public sealed record NgrpoOptions
{
    /// <summary>Lower clip: 1 - 0.16.</summary>
    public double ClipLow { get; init; } = 0.16;

    /// <summary>Upper clip: 1 + 0.24.</summary>
    public double ClipHigh { get; init; } = 0.24;

    /// <summary>beta of the KL penalty.</summary>
    public double Beta { get; init; } = 0.04;

    /// <summary>The maximum reward the virtual sample gets.</summary>
    public double MaxReward { get; init; } = 1.0;

    /// <summary>The equivalent GRPO options.</summary>
    public GrpoOptions ToGrpo() => new() { ClipLow = ClipLow, ClipHigh = ClipHigh, Beta = Beta, VirtualMaxReward = MaxReward };
}
