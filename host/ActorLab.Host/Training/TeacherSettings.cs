using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Training;

/// <summary>The teacher of a distillation run; its initialisers are the defaults.</summary>
public sealed record TeacherSettings
{
    /// <summary>The teacher's model.</summary>
    [ComponentAt("$.distillation.teacher.model")]
    public required ComponentChoice Model { get; init; }

    /// <summary>Load the teacher from here if it exists, else train it and save it here; null trains it in the run.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Epochs of teacher training.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>The teacher's learning rate.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>The teacher's optimizer.</summary>
    [ComponentAt("$.distillation.teacher.optimizer")]
    public ComponentChoice Optimizer { get; init; } = ComponentChoice.Named("sgd", "$.distillation.teacher.optimizer");
}
