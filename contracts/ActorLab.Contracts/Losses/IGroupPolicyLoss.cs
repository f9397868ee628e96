using TorchSharp;

namespace ActorLab.Contracts.Losses;

/// <summary>
/// A batch of groups of sampled outputs for RL with verifiable rewards: G outputs per prompt, each with its sequence
/// log-probability under the policy being trained, under the policy that sampled it (old) and under a frozen
/// reference, and its scalar reward.
/// </summary>
/// <param name="Policy">[groups, G] log pi_theta(o_i | q), requires grad.</param>
/// <param name="Old">[groups, G] log pi_old(o_i | q).</param>
/// <param name="Reference">[groups, G] log pi_ref(o_i | q).</param>
/// <param name="Rewards">[groups, G] rewards.</param>
public sealed record GroupBatch(torch.Tensor Policy, torch.Tensor Old, torch.Tensor Reference, torch.Tensor Rewards);

/// <summary>A group-relative policy-optimisation loss (GRPO and relatives), mean over all outputs.</summary>
public interface IGroupPolicyLoss
{
    /// <summary>The loss.</summary>
    torch.Tensor Compute(GroupBatch batch);
}
