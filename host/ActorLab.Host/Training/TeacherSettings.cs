using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Training;

/// <summary>The teacher of a distillation run.</summary>
/// <param name="Model">The teacher's model.</param>
/// <param name="Checkpoint">Load the teacher from here if it exists, else train it and save it here; null trains it in the run.</param>
/// <param name="Epochs">Epochs of teacher training.</param>
/// <param name="LearningRate">The teacher's learning rate.</param>
/// <param name="Optimizer">The teacher's optimizer.</param>
public sealed record TeacherSettings(ComponentChoice Model, string? Checkpoint, int Epochs, double LearningRate, ComponentChoice Optimizer);
