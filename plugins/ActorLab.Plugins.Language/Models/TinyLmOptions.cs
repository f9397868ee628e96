using System.ComponentModel.DataAnnotations;

namespace ActorLab.Plugins.Language.Models;

/// <summary>Options of <see cref="TinyLanguageModel"/>; vocabulary and context come from the task.</summary>
public sealed record TinyLmOptions
{
    /// <summary>Transformer blocks.</summary>
    [Range(1, 64)]
    public int Layers { get; init; } = 2;

    /// <summary>Width of the residual stream (a multiple of heads).</summary>
    [Range(4, 4096)]
    public int Width { get; init; } = 64;

    /// <summary>Attention heads per block.</summary>
    [Range(1, 64)]
    public int Heads { get; init; } = 4;

    /// <summary>Hidden width of each block's MLP as a multiple of the width.</summary>
    [Range(1, 16)]
    public int MlpRatio { get; init; } = 4;

    /// <summary>Layer-normalise queries and keys per head before their product (QK-layernorm), which keeps attention logits bounded.</summary>
    public bool QkLayerNorm { get; init; }

    /// <summary>Positions the model sees; 0: the task's longest prompt plus answer plus the two markers.</summary>
    [Range(0, 4096)]
    public int Context { get; init; }
}
