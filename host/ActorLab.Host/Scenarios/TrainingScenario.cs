using ActorLab.Contracts.Data;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;

namespace ActorLab.Host.Scenarios;

/// <summary>The optimisation protocol of a training run.</summary>
/// <param name="Epochs">Passes over the training split.</param>
/// <param name="BatchSize">Rows per optimizer step (split evenly over the trainers).</param>
/// <param name="LearningRate">Peak learning rate.</param>
/// <param name="Trainers">Data-parallel trainer actors; their gradients are averaged, equivalent to one large batch.</param>
/// <param name="Device">cpu, or cuda when the TorchSharp CUDA backend is present.</param>
/// <param name="GradientClip">Maximum global gradient norm, or null for none.</param>
/// <param name="Patience">Stop after this many epochs without a better test loss, or null to run every epoch.</param>
/// <param name="Schedule">constant, warmup-cosine or warmup-stable-decay.</param>
/// <param name="WarmupSteps">Linear warm-up steps of the schedules.</param>
/// <param name="DecayFraction">warmup-stable-decay: the final share of steps over which the rate decays linearly to 0.</param>
/// <param name="Checkpoint">Where the model is saved after every epoch, or null.</param>
/// <param name="Resume">Continue from <paramref name="Checkpoint"/> if it exists.</param>
/// <param name="Precision">fp32; bf16 (CPU or CUDA) or fp16 (CUDA) for mixed precision with float32 master weights.</param>
public sealed record OptimizationSettings(
    int Epochs,
    int BatchSize = 64,
    double LearningRate = 0.05,
    int Trainers = 1,
    string Device = "cpu",
    double? GradientClip = null,
    int? Patience = null,
    string Schedule = "constant",
    int WarmupSteps = 0,
    double DecayFraction = 0.1,
    string? Checkpoint = null,
    bool Resume = false,
    string Precision = "fp32");

/// <summary>The teacher of a distillation run.</summary>
/// <param name="Model">The teacher's model.</param>
/// <param name="Checkpoint">Load the teacher from here if it exists, else train it and save it here; null trains it in the run.</param>
/// <param name="Epochs">Epochs of teacher training.</param>
/// <param name="LearningRate">The teacher's learning rate.</param>
/// <param name="Optimizer">The teacher's optimizer.</param>
public sealed record TeacherSettings(ComponentChoice Model, string? Checkpoint, int Epochs, double LearningRate, ComponentChoice Optimizer);

/// <summary>Distillation: the student trainers train on <paramref name="Loss"/> against the teacher's logits.</summary>
public sealed record DistillationSettings(ComponentChoice Loss, TeacherSettings Teacher);

/// <summary>A validated training scenario (kind "training"): a model trained on a data set by trainer actors.</summary>
/// <param name="FilePath">The scenario file.</param>
/// <param name="Name">The run's name.</param>
/// <param name="Seed">The run seed.</param>
/// <param name="Dataset">The data set.</param>
/// <param name="TestFraction">Share of rows held out for testing (data sets without a fixed split).</param>
/// <param name="Model">The model (the student's in a distillation run).</param>
/// <param name="Loss">The training loss, and the test loss in every run (a distillation run trains on its distillation loss instead).</param>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="Optimization">The optimisation protocol.</param>
/// <param name="Distillation">Teacher and distillation loss, or null for plain training.</param>
public sealed record TrainingScenario(
    string FilePath,
    string Name,
    int Seed,
    ComponentChoice Dataset,
    double TestFraction,
    ComponentChoice Model,
    ComponentChoice Loss,
    ComponentChoice Optimizer,
    OptimizationSettings Optimization,
    DistillationSettings? Distillation = null) : IScenario
{
    /// <inheritdoc />
    public IEnumerable<ComponentSlot> Components() =>
    [
        ComponentSlot.Of<IDatasetSource>(Dataset),
        ComponentSlot.Of<IModelFactory>(Model),
        ComponentSlot.Of<ILoss>(Loss),
        ComponentSlot.Of<IOptimizerFactory>(Optimizer),
        .. Distillation is { } d
            ? [ComponentSlot.Of<IDistillationLoss>(d.Loss), ComponentSlot.Of<IModelFactory>(d.Teacher.Model), ComponentSlot.Of<IOptimizerFactory>(d.Teacher.Optimizer)]
            : Array.Empty<ComponentSlot>(),
    ];
}
