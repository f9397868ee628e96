using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Contracts.Language;

/// <summary>
/// A causal (decoder-only) language model over token ids: <c>forward(tokens)</c> maps [batch, length] int64 ids to
/// [batch, length, vocabulary] next-token logits, each position seeing only itself and those before it. With a
/// <see cref="KeyValueCache"/> it continues from the cached positions (generation one token at a time). The host ships
/// its parameters between actors as one flat float buffer in <c>parameters()</c> order.
/// </summary>
public abstract class CausalLanguageModel(string name) : Module<torch.Tensor, torch.Tensor>(name)
{
    /// <summary>Tokens it knows (the width of its logits).</summary>
    public abstract int Vocabulary { get; }

    /// <summary>The longest sequence it can see (its position table).</summary>
    public abstract int Context { get; }

    /// <summary>Layers, the number of per-layer entries a <see cref="KeyValueCache"/> for it holds.</summary>
    public abstract int Layers { get; }

    /// <summary>
    /// Logits [batch, new, vocabulary] of <paramref name="tokens"/> ([batch, new]) placed after the positions
    /// <paramref name="cache"/> holds (none when null), appending theirs to it.
    /// </summary>
    public abstract torch.Tensor Forward(torch.Tensor tokens, KeyValueCache? cache);

    /// <summary>
    /// The residual stream after every block ([batch, length, width] each, first block first) for <paramref name="tokens"/>
    /// from position 0: what representation-level evaluations (linear CKA, probes) read. Models that do not expose them
    /// throw <see cref="NotSupportedException"/>.
    /// </summary>
    public virtual IReadOnlyList<torch.Tensor> HiddenStates(torch.Tensor tokens) =>
        throw new NotSupportedException($"{GetType().Name} does not expose its hidden states");

    /// <summary>Logits of a whole sequence from position 0.</summary>
    public override torch.Tensor forward(torch.Tensor tokens) => Forward(tokens, null);

    /// <summary>A cache to generate with.</summary>
    public KeyValueCache NewCache() => new(Layers);
}
