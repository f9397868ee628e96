using ActorLab.Contracts.Language;
using TorchSharp;

namespace ActorLab.Host.Policy;

/// <summary>
/// A target model whose logits are shifted by an assistant's: l = l_target + w l_assistant on the tokens whose target
/// probability is at least <c>filter</c> times the top one, l_target elsewhere (ULD's unlearned model, paper 12; with
/// w &gt; 0 and an expert offset it is logit arithmetic in general). Each part keeps its own KV cache.
/// </summary>
public sealed class LogitCombination(CausalLanguageModel target, CausalLanguageModel assistant, double weight, double filter) : CausalLanguageModel("logit_combination")
{
    /// <inheritdoc />
    public override int Vocabulary => target.Vocabulary;

    /// <inheritdoc />
    public override int Context => target.Context;

    /// <inheritdoc />
    public override int Layers => 0; // the parts hold the caches

    /// <inheritdoc />
    public override torch.Tensor Forward(torch.Tensor tokens, KeyValueCache? cache)
    {
        var baseLogits = target.Forward(tokens, cache?.Part(0, target.Layers));
        var assistantLogits = assistant.Forward(tokens, cache?.Part(1, assistant.Layers));
        var probabilities = baseLogits.softmax(-1);
        var kept = probabilities >= filter * probabilities.amax([-1L], keepdim: true);
        return baseLogits + weight * torch.where(kept, assistantLogits, torch.zeros_like(assistantLogits));
    }
}
