using ActorLab.Contracts.Language;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Language.Models;

/// <summary>
/// <c>tiny-lm</c>: a small GPT-style causal transformer (Radford et al. 2019) trained from scratch in the run. Learned
/// token and position embeddings, <c>layers</c> pre-norm blocks x + Attn(LN(x)), x + MLP(LN(x)) with causal multi-head
/// attention softmax(q k^T / sqrt(d_head) + causal mask) v and a GELU MLP, a final LayerNorm and an untied linear head
/// to the vocabulary. With <c>qkLayerNorm</c> the queries and keys are layer-normalised per head before their product
/// (Dehghani et al. 2023; Wortsman et al. 2024), the stabiliser of paper 1's small-scale proxies. A
/// <see cref="KeyValueCache"/> lets generation feed one token per step.
/// </summary>
public sealed class TinyLanguageModel : CausalLanguageModel
{
    private readonly Embedding tokens;
    private readonly Embedding positions;
    private readonly ModuleList<TinyLmBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;
    private readonly int _vocabulary;
    private readonly int _context;

    /// <summary>Builds the model for <paramref name="shape"/>; a width that is not a multiple of heads is refused.</summary>
    public TinyLanguageModel(TinyLmOptions options, LanguageModelShape shape) : base("tiny_lm")
    {
        if (options.Width % options.Heads != 0)
        {
            throw new ArgumentException($"tiny-lm: width ({options.Width}) must be a multiple of heads ({options.Heads})", nameof(options));
        }

        _vocabulary = shape.Vocabulary;
        _context = options.Context > 0 ? options.Context : shape.Context;
        if (_context < shape.Context)
        {
            throw new ArgumentException($"tiny-lm: context {options.Context} is shorter than the task needs ({shape.Context} positions); raise it or set 0", nameof(options));
        }

        tokens = Embedding(_vocabulary, options.Width);
        positions = Embedding(_context, options.Width);
        blocks = new ModuleList<TinyLmBlock>([.. Enumerable.Range(0, options.Layers).Select(_ => new TinyLmBlock(options.Width, options.Heads, options.MlpRatio, options.QkLayerNorm))]);
        norm = LayerNorm(options.Width);
        head = Linear(options.Width, _vocabulary, hasBias: false);
        RegisterComponents();
        using (no_grad())
        {
            // GPT-2's initialisation: N(0, 0.02) embeddings, so the first logits are near uniform.
            init.normal_(tokens.weight!, 0, 0.02);
            init.normal_(positions.weight!, 0, 0.02);
        }
    }

    /// <inheritdoc />
    public override int Vocabulary => _vocabulary;

    /// <inheritdoc />
    public override int Context => _context;

    /// <inheritdoc />
    public override int Layers => blocks.Count;

    /// <inheritdoc />
    public override IReadOnlyList<Tensor> HiddenStates(Tensor input)
    {
        var x = tokens.call(input) + positions.call(arange(0, input.shape[1], dtype: ScalarType.Int64, device: input.device));
        var states = new List<Tensor>(blocks.Count);
        for (var layer = 0; layer < blocks.Count; layer++)
        {
            x = blocks[layer].Forward(x, null, layer, 0);
            states.Add(x);
        }

        return states;
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, KeyValueCache? cache)
    {
        var offset = cache?.Length ?? 0;
        var length = input.shape[1];
        if (offset + length > _context)
        {
            throw new ArgumentException($"tiny-lm: {offset + length} positions exceed the context of {_context}");
        }

        var x = tokens.call(input) + positions.call(arange(offset, offset + length, dtype: ScalarType.Int64, device: input.device));
        for (var layer = 0; layer < blocks.Count; layer++)
        {
            x = blocks[layer].Forward(x, cache, layer, offset);
        }

        cache?.Advance(length);
        return head.call(norm.call(x));
    }
}
