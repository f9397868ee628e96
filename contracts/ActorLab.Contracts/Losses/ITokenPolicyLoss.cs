using TorchSharp;

namespace ActorLab.Contracts.Losses;

/// <summary>
/// A batch of sampled tokens for token-level policy optimisation (RL with verifiable rewards): for every sampled token,
/// the policy's logits over the whole vocabulary at that position, the token that was sampled, its log-probability
/// under the policy that sampled it (old) and under a frozen reference, and its advantage. Tokens of all sequences
/// are flattened into one dimension; padding is left out by the caller.
/// </summary>
/// <param name="Logits">[tokens, V] the policy's logits at each sampled position, requires grad.</param>
/// <param name="Tokens">[tokens] int64 ids of the sampled tokens, in [0, V).</param>
/// <param name="Old">[tokens] log pi_old(o_t | q, o_&lt;t) of the sampled tokens; carries no gradient.</param>
/// <param name="Reference">[tokens] log pi_ref(o_t | q, o_&lt;t) of the sampled tokens; carries no gradient.</param>
/// <param name="Advantages">[tokens] each token's advantage (a GRPO sequence advantage broadcast to its tokens).</param>
public sealed record TokenBatch(torch.Tensor Logits, torch.Tensor Tokens, torch.Tensor Old, torch.Tensor Reference, torch.Tensor Advantages);

/// <summary>
/// A token-level policy-optimisation loss that needs the policy's full next-token distribution (not only the sampled
/// token's log-probability), e.g. regularisers towards a distribution built from the policy itself.
/// </summary>
public interface ITokenPolicyLoss
{
    /// <summary>The loss: a scalar tensor, the mean over all tokens of the batch, that <c>backward()</c> can be called on.</summary>
    torch.Tensor Compute(TokenBatch batch);
}
