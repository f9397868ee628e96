using System.Text.Json.Serialization;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Training;

/// <summary>A validated training scenario (kind "training"): a model trained on a data set by trainer actors; its initialisers are the defaults.</summary>
public sealed record TrainingScenario : BoundScenario
{
    /// <summary>The data set.</summary>
    [ComponentAt("$.dataset")]
    public required ComponentChoice Dataset { get; init; }

    /// <summary>Share of rows held out for testing (data sets without a fixed split; the data set's <c>testFraction</c>).</summary>
    [JsonIgnore]
    public double TestFraction { get; init; } = ScenarioBinding.DefaultTestFraction;

    /// <summary>The model (the student's in a distillation run).</summary>
    [ComponentAt("$.model")]
    public required ComponentChoice Model { get; init; }

    /// <summary>The training loss, and the test loss in every run (a distillation run trains on its distillation loss instead).</summary>
    [ComponentAt("$.loss")]
    public ComponentChoice Loss { get; init; } = ComponentChoice.Named("cross-entropy", "$.loss");

    /// <summary>The optimizer.</summary>
    [ComponentAt("$.optimizer")]
    public ComponentChoice Optimizer { get; init; } = ComponentChoice.Named("sgd", "$.optimizer");

    /// <summary>The optimisation protocol.</summary>
    public required OptimizationSettings Optimization { get; init; }

    /// <summary>Teacher and distillation loss, or null for plain training.</summary>
    public DistillationSettings? Distillation { get; init; }

    /// <inheritdoc />
    public override IEnumerable<ComponentSlot> Components() =>
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
