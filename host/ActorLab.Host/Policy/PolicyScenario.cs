using ActorLab.Contracts.Language;
using ActorLab.Contracts.Optimizers;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Policy;

/// <summary>
/// A validated policy scenario (kind "policy"): a small language model pre-trained on a verifiable task (SFT) and then
/// post-trained by RL with verifiable rewards; its initialisers are the defaults.
/// </summary>
public sealed record PolicyScenario : BoundScenario
{
    /// <summary>The task: prompts, reference answers and the verifier.</summary>
    [ComponentAt("$.task")]
    public required ComponentChoice Task { get; init; }

    /// <summary>The policy's language model.</summary>
    [ComponentAt("$.model")]
    public ComponentChoice Model { get; init; } = ComponentChoice.Named("tiny-lm", "$.model");

    /// <summary>The optimizer of every phase.</summary>
    [ComponentAt("$.optimizer")]
    public ComponentChoice Optimizer { get; init; } = ComponentChoice.Named("adamw", "$.optimizer");

    /// <summary>How many problems the task draws.</summary>
    public PolicyDataSettings Data { get; init; } = new();

    /// <summary>Supervised pre-training from scratch on the reference answers; null: none (RL starts from the initialisation).</summary>
    public SftSettings? Sft { get; init; }

    /// <summary>RL with verifiable rewards after SFT; null: none.</summary>
    public RlvrSettings? Rlvr { get; init; }

    /// <summary>Preference optimisation after SFT (instead of RL); null: none.</summary>
    public PreferenceSettings? Preference { get; init; }

    /// <summary>Unlearning a forget set after SFT (instead of RL); null: none.</summary>
    public UnlearningSettings? Unlearning { get; init; }

    /// <summary>The rollout workers.</summary>
    public RolloutSettings Rollout { get; init; } = new();

    /// <summary>Held-out evaluation.</summary>
    public PolicyEvaluationSettings Evaluation { get; init; } = new();

    /// <summary>Which contract the RL loss is registered under (set by the kind once the catalog is known).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Type RlvrLossContract { get; init; } = typeof(ActorLab.Contracts.Losses.IGroupPolicyLoss);

    /// <inheritdoc />
    public override IEnumerable<ComponentSlot> Components() =>
    [
        ComponentSlot.Of<IVerifiableTask>(Task),
        ComponentSlot.Of<ILanguageModelFactory>(Model),
        ComponentSlot.Of<IOptimizerFactory>(Optimizer),
        .. Rlvr is { } r ? [new ComponentSlot(r.Loss, RlvrLossContract)] : Array.Empty<ComponentSlot>(),
        .. Preference is { } p ? [ComponentSlot.Of<ActorLab.Contracts.Losses.IPreferenceLoss>(p.Loss)] : Array.Empty<ComponentSlot>(),
        .. Unlearning is { } u ? [ComponentSlot.Of<ActorLab.Contracts.Losses.IUnlearningLoss>(u.Loss)] : Array.Empty<ComponentSlot>(),
    ];
}

/// <summary>Problems drawn from the task.</summary>
public sealed record PolicyDataSettings
{
    /// <summary>Training problems (SFT examples and the pool RL prompts come from).</summary>
    public int Train { get; init; } = 4000;

    /// <summary>Held-out problems (accuracy), none of them a training problem.</summary>
    public int Test { get; init; } = 200;
}

/// <summary>Supervised fine-tuning: cross-entropy on the reference answers (and the end token), prompts not trained on.</summary>
public sealed record SftSettings
{
    /// <summary>Optimizer steps.</summary>
    public int Steps { get; init; } = 300;

    /// <summary>Examples per step (drawn from the training problems by the run seed).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 0.003;

    /// <summary>Maximum global gradient norm; null: no clipping.</summary>
    public double? GradientClip { get; init; } = 1.0;
}

/// <summary>RL with verifiable rewards: groups of sampled responses per prompt, verifier rewards, a group policy loss.</summary>
public sealed record RlvrSettings
{
    /// <summary>The policy loss: grpo, ngrpo (group policy losses) or lp-reg (a token policy loss).</summary>
    [ComponentAt("$.rlvr.loss")]
    public ComponentChoice Loss { get; init; } = ComponentChoice.Named("grpo", "$.rlvr.loss");

    /// <summary>RL steps (one rollout batch each).</summary>
    public int Steps { get; init; } = 50;

    /// <summary>Prompts per step.</summary>
    public int Prompts { get; init; } = 16;

    /// <summary>Responses sampled per prompt (G).</summary>
    public int GroupSize { get; init; } = 8;

    /// <summary>Distinct training prompts RL draws from (the first of the training problems); 0: all. 1 is one-example RLVR.</summary>
    public int TrainPrompts { get; init; }

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 0.0005;

    /// <summary>Optimizer steps on each rollout batch (GRPO's mu); the first has ratio 1.</summary>
    public int UpdatesPerStep { get; init; } = 1;

    /// <summary>Maximum global gradient norm; null: no clipping.</summary>
    public double? GradientClip { get; init; } = 1.0;

    /// <summary>Weight of the entropy bonus: the loss minus this times the mean entropy of the response tokens (paper 22); 0: none.</summary>
    public double EntropyCoefficient { get; init; }

    /// <summary>Generated tokens per response at most; 0: the task's longest answer plus the end token.</summary>
    public int MaxNewTokens { get; init; }

    /// <summary>How responses are sampled.</summary>
    public SamplingSettings Sampling { get; init; } = new();

    /// <summary>A SEELE-style hint schedule; null: no hints.</summary>
    public HintSettings? Hints { get; init; }
}

/// <summary>Next-token sampling: the logits divided by the temperature, then the top-k, min-p and top-p filters, renormalised.</summary>
public sealed record SamplingSettings
{
    /// <summary>Temperature; 0 is greedy.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Keep the k most probable tokens; 0: all.</summary>
    public int TopK { get; init; }

    /// <summary>Keep the smallest set of most probable tokens whose probability reaches p (nucleus sampling); 1: all.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Keep tokens with at least this share of the most probable token's probability; 0: all.</summary>
    public double MinP { get; init; }
}

/// <summary>The rollout workers: policy replicas that generate the groups.</summary>
public sealed record RolloutSettings
{
    /// <summary>Rollout workers; 0: one per core. Results do not depend on it.</summary>
    public int Workers { get; init; }
}

/// <summary>Held-out evaluation: greedy responses to the test prompts, scored by the verifier.</summary>
public sealed record PolicyEvaluationSettings
{
    /// <summary>Evaluate every this many steps of each phase (and at its end).</summary>
    public int Every { get; init; } = 10;
}
