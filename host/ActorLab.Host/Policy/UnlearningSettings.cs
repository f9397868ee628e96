using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Policy;

/// <summary>
/// Unlearning after SFT: the first <see cref="ForgetShare"/> of the training problems are the forget set, the rest the
/// retain set; each step trains on a forget batch (and, for npo and gradient-ascent, cross-entropy on a retain batch
/// weighted by <see cref="RetainWeight"/>), or, for uld, trains an assistant whose logits are subtracted.
/// </summary>
public sealed record UnlearningSettings
{
    /// <summary>The unlearning loss: npo, gradient-ascent, uld.</summary>
    [ComponentAt("$.unlearning.loss")]
    public ComponentChoice Loss { get; init; } = ComponentChoice.Named("npo", "$.unlearning.loss");

    /// <summary>Optimizer steps.</summary>
    public int Steps { get; init; } = 40;

    /// <summary>Forget (and retain) examples per step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 0.0005;

    /// <summary>Maximum global gradient norm; null: no clipping.</summary>
    public double? GradientClip { get; init; } = 1.0;

    /// <summary>Share of the training problems that form the forget set (the first ones, in the task's seeded order).</summary>
    public double ForgetShare { get; init; } = 0.1;

    /// <summary>
    /// When set, the forget set is instead every training problem whose prompt starts with this text (e.g. "7": the
    /// sums whose first operand starts with 7), a subset the prompt identifies, like an entity to forget.
    /// </summary>
    public string? ForgetPrefix { get; init; }

    /// <summary>Weight of the retain set's cross-entropy added to npo's and gradient-ascent's loss (their +RT variants); 0: none.</summary>
    public double RetainWeight { get; init; } = 1.0;

    /// <summary>Retain problems whose greedy accuracy is reported (the first of the retain set).</summary>
    public int RetainEvaluation { get; init; } = 200;
}
