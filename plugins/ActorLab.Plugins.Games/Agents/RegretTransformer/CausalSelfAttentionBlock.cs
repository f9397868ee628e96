using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Games.Agents.RegretTransformer;

/// <summary>
/// One pre-norm transformer block with causal multi-head self-attention: x + Attn(LN(x)), then x + MLP(LN(x)); a
/// position attends only to itself and earlier positions, so the strategy of round t depends on past losses only.
/// </summary>
internal sealed class CausalSelfAttentionBlock : Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1;
    private readonly Linear qkv;
    private readonly Linear projection;
    private readonly LayerNorm norm2;
    private readonly Sequential mlp;
    private readonly int _heads;

    public CausalSelfAttentionBlock(int width, int heads) : base("causal_block")
    {
        if (width % heads != 0)
        {
            throw new ArgumentException($"regret-transformer: dModel ({width}) must be a multiple of heads ({heads})");
        }

        _heads = heads;
        norm1 = LayerNorm(width);
        qkv = Linear(width, 3 * width);
        projection = Linear(width, width);
        norm2 = LayerNorm(width);
        mlp = Sequential(Linear(width, 4 * width), GELU(), Linear(4 * width, width));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var (n, t, d) = (x.shape[0], x.shape[1], x.shape[2]);
        var headWidth = d / _heads;
        var parts = qkv.call(norm1.call(x)).chunk(3, dim: -1);
        Tensor Heads(Tensor z) => z.view(n, t, _heads, headWidth).transpose(1, 2);
        var (q, k, v) = (Heads(parts[0]), Heads(parts[1]), Heads(parts[2]));
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(headWidth);
        var future = ones(t, t, dtype: ScalarType.Bool, device: x.device).triu(1);
        var attention = scores.masked_fill(future, double.NegativeInfinity).softmax(-1);
        var mixed = attention.matmul(v).transpose(1, 2).reshape(n, t, d);
        x = x + projection.call(mixed);
        return x + mlp.call(norm2.call(x));
    }
}
