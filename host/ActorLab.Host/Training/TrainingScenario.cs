using ActorLab.Contracts.Data;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Training;

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
