using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Games.Agents.RegretTransformer;

/// <summary>
/// The transformer of <see cref="RegretTransformerAgent"/>: reads the loss vectors of rounds 1..t-1 (a zero vector
/// stands for "no history" at round 1), embeds each with a learned position, passes them through causal blocks and
/// maps every position to logits over the K actions; softmax gives the mixed strategy of the next round.
/// </summary>
internal sealed class RegretTransformerNetwork : Module<Tensor, Tensor>
{
    private readonly Linear embed;
    private readonly Parameter position;
    private readonly ModuleList<CausalSelfAttentionBlock> blocks;
    private readonly Linear head;

    public RegretTransformerNetwork(RegretTransformerShape shape) : base("regret_transformer")
    {
        Shape = shape;
        embed = Linear(shape.Actions, shape.DModel);
        position = Parameter(randn(shape.Horizon, shape.DModel) * 0.02);
        blocks = ModuleList([.. Enumerable.Range(0, shape.Layers).Select(_ => new CausalSelfAttentionBlock(shape.DModel, shape.Heads))]);
        head = Linear(shape.DModel, shape.Actions);
        RegisterComponents();
    }

    public RegretTransformerShape Shape { get; }

    /// <summary>Losses [N, T, K] of rounds 1..T → strategies [N, T, K] for rounds 1..T, each from the losses before it.</summary>
    public Tensor Strategies(Tensor losses)
    {
        var n = losses.shape[0];
        var previous = cat([zeros(n, 1, Shape.Actions, device: losses.device), losses.narrow(1, 0, losses.shape[1] - 1)], 1);
        return forward(previous).softmax(-1);
    }

    /// <summary>Shifted losses [N, T, K] → logits [N, T, K].</summary>
    public override Tensor forward(Tensor previous)
    {
        var t = previous.shape[1];
        var x = embed.call(previous) + position.narrow(0, 0, t);
        foreach (var block in blocks)
        {
            x = block.call(x);
        }

        return head.call(x);
    }
}

/// <summary>The architecture, stored next to the checkpoint (the weights file alone does not say it).</summary>
/// <param name="Actions">K.</param>
/// <param name="Horizon">Longest sequence the positions cover (rounds).</param>
/// <param name="DModel">Width.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="Layers">Blocks.</param>
public sealed record RegretTransformerShape(int Actions, int Horizon, int DModel, int Heads, int Layers);
