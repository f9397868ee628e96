using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Training;

/// <summary>Distillation: the student trainers train on <paramref name="Loss"/> against the teacher's logits.</summary>
public sealed record DistillationSettings(ComponentChoice Loss, TeacherSettings Teacher);
