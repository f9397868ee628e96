using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Reinforcement;

/// <summary>Options of <see cref="LowProbabilityRegularization"/>.</summary>
public sealed record LpRegOptions
{
    /// <summary>Lower clip of the token ratio: 1 - ClipLow.</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double ClipLow { get; init; } = 0.2;

    /// <summary>Upper clip of the token ratio: 1 + ClipHigh.</summary>
    [Range(0.0, double.MaxValue)]
    public double ClipHigh { get; init; } = 0.2;

    /// <summary>beta, the weight of the regulariser KL(proxy || policy) on the selected tokens (the paper's code uses 1).</summary>
    [Range(0.0, double.MaxValue)]
    public double Beta { get; init; } = 1.0;

    /// <summary>rho in (0, 1], the fraction of the batch's tokens with the lowest sampled-token probability that may be regularised.</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Rho { get; init; } = 0.01;

    /// <summary>kappa in (0, 1]: the proxy keeps the vocabulary entries with probability &gt;= kappa times the position's largest probability.</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double MinP { get; init; } = 0.1;

    /// <summary>Weight of GRPO's k3 KL penalty to the reference policy per token; 0 (none) as in the paper's runs.</summary>
    [Range(0.0, double.MaxValue)]
    public double ReferenceBeta { get; init; }
}

/// <summary>
/// Lp-Reg, low-probability regularisation (Huang et al., "Low-probability Tokens Sustain Exploration in Reinforcement
/// Learning with Verifiable Reward", 2025), on the token-level clipped GRPO objective. Per sampled token t with
/// policy distribution pi_t = softmax(logits_t), ratio r_t = pi_t(o_t) / pi_old(o_t) and advantage A_t:
/// L = (1/N) sum_t [ -min(r_t A_t, clip(r_t, 1 - eps_low, 1 + eps_high) A_t) + beta_ref k3_t + beta 1[t selected] KL_t ].
/// The proxy is the policy with its noise filtered out and renormalised, computed from the detached policy:
/// proxy_t(v) = pi_t(v) 1[pi_t(v) &gt;= kappa max_u pi_t(u)] / sum_u pi_t(u) 1[pi_t(u) &gt;= kappa max pi_t], no gradient.
/// KL_t = KL(proxy_t || pi_t) = sum over the proxy's support {v : proxy_t(v) &gt; 0} of proxy_t(v) (log proxy_t(v) - log pi_t(v))
/// (the forward KL from the proxy; vocabulary entries outside the support contribute 0, the 0 log 0 = 0 convention),
/// so its gradient with respect to logits_t is pi_t - proxy_t. A token t is selected when all three hold:
/// A_t &lt; 0; its sampled-token probability pi_t(o_t) is &lt;= the k-th smallest pi(o) of the N tokens in the batch,
/// k = ceil(rho N) (ties at that value are all included); and the sampled token is in the proxy's support,
/// proxy_t(o_t) &gt; 0 (a "reasoning spark", not noise: sampled tokens the proxy filters out are not regularised,
/// as in the paper and its code). Selection uses the current policy's probabilities, detached.
/// Differences from the authors' code: the KL here is exact over the vocabulary (the code uses a one-sample k3 estimate
/// at the sampled token), the rho-quantile is over all the batch's tokens (the code ranks negative-advantage tokens only),
/// and selected tokens keep the clipped surrogate (the code switches them to the unclipped one).
/// </summary>
public sealed class LowProbabilityRegularization : ITokenPolicyLoss
{
    private readonly LpRegOptions _options;

    /// <summary>Checks the options.</summary>
    public LowProbabilityRegularization(LpRegOptions options)
    {
        if (options.Rho is not (> 0 and <= 1))
        {
            throw new ArgumentException($"lp-reg: rho must be in (0, 1], got {options.Rho}; the paper regularises the lowest 1% (0.01)");
        }

        if (options.MinP is not (> 0 and <= 1))
        {
            throw new ArgumentException($"lp-reg: minP must be in (0, 1], got {options.MinP}; e.g. 0.1 keeps tokens with at least a tenth of the top probability");
        }

        if (!(options.Beta >= 0) || !(options.ReferenceBeta >= 0) || double.IsPositiveInfinity(options.Beta) || double.IsPositiveInfinity(options.ReferenceBeta))
        {
            throw new ArgumentException($"lp-reg: beta and referenceBeta must be finite and >= 0, got {options.Beta} and {options.ReferenceBeta}; 0 turns a term off");
        }

        if (options.ClipLow is not (>= 0 and < 1) || !(options.ClipHigh >= 0))
        {
            throw new ArgumentException($"lp-reg: clipLow must be in [0, 1) and clipHigh >= 0, got {options.ClipLow} and {options.ClipHigh}; GRPO uses 0.2 and 0.2");
        }

        _options = options;
    }

    /// <inheritdoc />
    public torch.Tensor Compute(TokenBatch batch)
    {
        var n = batch.Logits.shape[0];
        if (batch.Logits.dim() != 2 || n == 0)
        {
            throw new ArgumentException($"lp-reg: logits must be [tokens, vocabulary] with at least one token, got [{string.Join(", ", batch.Logits.shape)}]");
        }

        using var scope = torch.NewDisposeScope();
        var logPolicy = batch.Logits.log_softmax(1);
        var tokens = batch.Tokens.unsqueeze(1);
        var sampled = logPolicy.gather(1, tokens).squeeze(1);
        var advantage = batch.Advantages.detach().to_type(sampled.dtype);
        var surrogate = GroupRelativePolicyOptimization.ClippedSurrogate(sampled, batch.Old.to_type(sampled.dtype), advantage, _options.ClipLow, _options.ClipHigh);
        var perToken = -surrogate;
        if (_options.ReferenceBeta > 0)
        {
            perToken += _options.ReferenceBeta * GroupRelativePolicyOptimization.K3(batch.Reference.to_type(sampled.dtype), sampled);
        }

        if (_options.Beta > 0)
        {
            var (support, proxy, selected) = Proxy(logPolicy.detach(), tokens, advantage);
            var logProxy = torch.where(support, proxy.log(), torch.zeros_like(proxy));
            var kl = (proxy * (logProxy - logPolicy)).sum([1L]); // proxy = 0 off its support, so those entries add 0
            perToken += _options.Beta * torch.where(selected, kl, torch.zeros_like(kl));
        }

        return perToken.mean().MoveToOuterDisposeScope();
    }

    /// <summary>The proxy's support [N, V], the proxy [N, V] and the selected tokens [N], all without gradient.</summary>
    private (torch.Tensor Support, torch.Tensor Proxy, torch.Tensor Selected) Proxy(torch.Tensor logPolicy, torch.Tensor tokens, torch.Tensor advantage)
    {
        using var noGrad = torch.no_grad();
        var policy = logPolicy.exp();
        var support = policy >= _options.MinP * policy.amax([1L], keepdim: true);
        var kept = torch.where(support, policy, torch.zeros_like(policy));
        var proxy = kept / kept.sum([1L], keepdim: true);
        var sampled = policy.gather(1, tokens).squeeze(1);
        var k = (long)Math.Ceiling(_options.Rho * sampled.shape[0] - 1e-9);
        var threshold = sampled.kthvalue(Math.Max(k, 1), 0).values;
        var selected = (advantage < 0).logical_and(sampled <= threshold).logical_and(support.gather(1, tokens).squeeze(1));
        return (support, proxy, selected);
    }
}
