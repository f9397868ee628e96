using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Policy;

/// <summary>
/// Preference optimisation after SFT: pairs of the policy's own responses labelled by the verifier (the better one
/// chosen), on-policy (sampled from the current policy every step) or offline (sampled once from the SFT policy),
/// optionally with labels flipped at a given rate or with chosen and rejected responses of different prompts.
/// </summary>
public sealed record PreferenceSettings
{
    /// <summary>The preference loss: dpo (its flipRate option makes it rDPO), rdpo, bco, redi.</summary>
    [ComponentAt("$.preference.loss")]
    public ComponentChoice Loss { get; init; } = ComponentChoice.Named("dpo", "$.preference.loss");

    /// <summary>Optimizer steps.</summary>
    public int Steps { get; init; } = 60;

    /// <summary>Prompts per step, each giving at most one pair.</summary>
    public int Prompts { get; init; } = 32;

    /// <summary>Responses sampled per prompt; the best and the worst by reward make its pair (none when all rewards are equal).</summary>
    public int Samples { get; init; } = 4;

    /// <summary>on-policy: sampled from the current policy each step; offline: a pool sampled once from the SFT policy.</summary>
    public string Data { get; init; } = "on-policy";

    /// <summary>Offline: prompts the pool is sampled for (the first training problems' count).</summary>
    public int OfflinePrompts { get; init; } = 512;

    /// <summary>Share of pairs whose labels are swapped (seeded): noisy feedback. The loss is not told (rDPO is told by its own flipRate).</summary>
    public double LabelFlips { get; init; }

    /// <summary>paired: chosen and rejected answer the same prompt; unpaired: thumbs-up and thumbs-down responses of different prompts.</summary>
    public string Feedback { get; init; } = "paired";

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 0.0005;

    /// <summary>Maximum global gradient norm; null: no clipping.</summary>
    public double? GradientClip { get; init; } = 1.0;

    /// <summary>Measure the gradient-entanglement diagnostic each step (two extra backward passes).</summary>
    public bool Entanglement { get; init; } = true;

    /// <summary>Held-out pairs (from test prompts, true labels) the implicit reward is scored on at each evaluation.</summary>
    public int HeldOutPrompts { get; init; } = 100;

    /// <summary>How responses are sampled.</summary>
    public SamplingSettings Sampling { get; init; } = new();
}
