using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Training;

/// <summary>Distillation: the student trainers train on <see cref="Loss"/> against the teacher's logits.</summary>
public sealed record DistillationSettings
{
    /// <summary>The distillation loss.</summary>
    [ComponentAt("$.distillation.loss")]
    public ComponentChoice Loss { get; init; } = ComponentChoice.Named("kd", "$.distillation.loss");

    /// <summary>The teacher.</summary>
    public required TeacherSettings Teacher { get; init; }
}
