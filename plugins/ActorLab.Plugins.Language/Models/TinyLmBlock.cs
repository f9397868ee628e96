using ActorLab.Contracts.Language;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Language.Models;

/// <summary>
/// One pre-norm block of <see cref="TinyLanguageModel"/>: x + Attn(LN(x)), then x + MLP(LN(x)), the attention causal
/// over the cached positions and the new ones (position i of the new ones sees every cached position and new ones up to i).
/// </summary>
internal sealed class TinyLmBlock : Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly Linear qkv;
    private readonly Linear projection;
    private readonly LayerNorm norm2;
    private readonly Sequential mlp;
    private readonly LayerNorm? queryNorm;
    private readonly LayerNorm? keyNorm;
    private readonly int _heads;

    public TinyLmBlock(int width, int heads, int mlpRatio, bool qkLayerNorm) : base("tiny_lm_block")
    {
        _heads = heads;
        norm1 = LayerNorm(width);
        qkv = Linear(width, 3 * width);
        projection = Linear(width, width);
        norm2 = LayerNorm(width);
        mlp = Sequential(Linear(width, mlpRatio * width), GELU(), Linear(mlpRatio * width, width));
        if (qkLayerNorm)
        {
            queryNorm = LayerNorm(width / heads);
            keyNorm = LayerNorm(width / heads);
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => Forward(x, null, 0, 0);

    /// <summary>The block on new positions <paramref name="x"/> ([batch, new, width]) placed after <paramref name="offset"/> cached ones.</summary>
    public Tensor Forward(Tensor x, KeyValueCache? cache, int layer, long offset)
    {
        var (n, t, d) = (x.shape[0], x.shape[1], x.shape[2]);
        var headWidth = d / _heads;
        var parts = qkv.call(norm1.call(x)).chunk(3, dim: -1);
        Tensor Heads(Tensor z) => z.view(n, t, _heads, headWidth).transpose(1, 2);
        var (q, k, v) = (Heads(parts[0]), Heads(parts[1]), Heads(parts[2]));
        if (queryNorm is not null)
        {
            (q, k) = (queryNorm.call(q), keyNorm!.call(k));
        }

        if (cache is not null)
        {
            (k, v) = cache.Append(layer, k, v);
        }

        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(headWidth);
        if (t > 1)
        {
            // New position i (absolute offset + i) must not see absolute positions after it.
            var future = ones(t, offset + t, dtype: ScalarType.Bool, device: x.device).triu(offset + 1);
            scores = scores.masked_fill(future, double.NegativeInfinity);
        }

        var mixed = scores.softmax(-1).matmul(v).transpose(1, 2).reshape(n, t, d);
        x = x + projection.call(mixed);
        return x + mlp.call(norm2.call(x));
    }
}
