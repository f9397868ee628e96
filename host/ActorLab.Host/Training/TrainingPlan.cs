using ActorLab.Contracts.Data;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Federated;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using TorchSharp;

namespace ActorLab.Host.Training;

/// <summary>
/// A training run before it starts: the scenario, the catalog, the data as tensors on the chosen device, the
/// initial parameters (one seeded initialisation that every data-parallel replica copies) and the device.
/// </summary>
public sealed record TrainingPlan(TrainingScenario Scenario, PluginCatalog Catalog, Dataset Data, ModelShape Shape, float[] InitialParameters, torch.Device Device)
{
    /// <summary>The run's learning-rate schedule (built once: trainers ask it for every step's rate).</summary>
    public LearningRateSchedule Schedule { get; } = new(Scenario.Optimization.Schedule, Scenario.Optimization.LearningRate,
        Scenario.Optimization.WarmupSteps, Scenario.Optimization.DecayFraction,
        (Data.TrainCount + Scenario.Optimization.BatchSize - 1) / Scenario.Optimization.BatchSize * Scenario.Optimization.Epochs);

    /// <summary>A fresh model replica with the initial parameters, on the device.</summary>
    public torch.nn.Module<torch.Tensor, torch.Tensor> CreateModel()
    {
        var factory = Catalog.Create<IModelFactory>(Scenario.Model.Name, Scenario.Model.Options);
        var model = SeededTorch.Exclusive(() => factory.Create(Shape)); // overwritten below, but its draws must not interleave with a seeded init
        ModelParameters.Load(model, InitialParameters);
        return model.to(Device);
    }

    /// <summary>The run's loss.</summary>
    public ILoss CreateLoss() => Catalog.Create<ILoss>(Scenario.Loss.Name, Scenario.Loss.Options);

    /// <summary>The distillation loss of a distillation run, else null.</summary>
    public IDistillationLoss? CreateDistillationLoss() => Scenario.Distillation is { } d ? Catalog.Create<IDistillationLoss>(d.Loss.Name, d.Loss.Options) : null;

    /// <summary>
    /// The plan of a distillation run's teacher: the same data, seed, batch size and device; the teacher's model,
    /// optimizer, learning rate and epochs; cross-entropy; its own seeded initialisation.
    /// </summary>
    public TrainingPlan TeacherPlan()
    {
        var teacher = Scenario.Distillation?.Teacher ?? throw new InvalidOperationException("not a distillation run");
        var scenario = Scenario with
        {
            Name = Scenario.Name + "-teacher",
            Model = teacher.Model,
            Loss = new ComponentChoice("cross-entropy", ActorLab.Contracts.Plugins.ComponentOptions.Empty, "$.distillation.teacher"),
            Optimizer = teacher.Optimizer,
            Optimization = new OptimizationSettings(teacher.Epochs, Scenario.Optimization.BatchSize, teacher.LearningRate, Device: Scenario.Optimization.Device),
            Distillation = null,
        };
        return new TrainingPlan(scenario, Catalog, Data, Shape, Initialise(scenario, Catalog, Shape, "teacher.init"), Device); // not `with`: the schedule is the teacher's
    }

    /// <summary>An optimizer over <paramref name="model"/>'s parameters.</summary>
    public torch.optim.Optimizer CreateOptimizer(torch.nn.Module<torch.Tensor, torch.Tensor> model) =>
        Catalog.Create<IOptimizerFactory>(Scenario.Optimizer.Name, Scenario.Optimizer.Options).Create(model.parameters(), Scenario.Optimization.LearningRate);

    /// <summary>The order of the training rows in <paramref name="epoch"/>, a pure function of (seed, epoch) so runs resume exactly.</summary>
    public long[] Order(int epoch)
    {
        var random = RandomStreams.Create(Scenario.Seed, "training.order", epoch);
        var order = Enumerable.Range(0, Data.TrainCount).Select(i => (long)i).ToArray();
        random.Shuffle(order);
        return order;
    }

    /// <summary>Loads the data, checks the device and initialises the model from the run seed.</summary>
    public static TrainingPlan Build(TrainingScenario scenario, PluginCatalog catalog)
    {
        var device = scenario.Optimization.Device == "cuda"
            ? torch.cuda.is_available()
                ? torch.CUDA
                : throw new ScenarioException(scenario.FilePath, [new ScenarioError("$.optimization.device",
                    "cuda was asked for but the TorchSharp CUDA backend is not present (this build ships libtorch-cpu); use \"cpu\", or reference libtorch-cuda and run on a machine with an NVIDIA GPU")])
            : torch.CPU;
        if (scenario.Optimization.Precision == "fp16" && device.type != DeviceType.CUDA)
        {
            throw new ScenarioException(scenario.FilePath, [new ScenarioError("$.optimization.precision",
                "fp16 mixed precision needs a CUDA device (float16 matrix products on the CPU are slow or missing); use \"bf16\" on the CPU, or \"fp32\"")]);
        }

        var data = catalog.Create<IDatasetSource>(scenario.Dataset.Name, scenario.Dataset.Options).Load(new DatasetRequest(scenario.Seed, scenario.TestFraction));
        if (data.TrainResponses is not null || data.ClientRows is not null)
        {
            throw new ScenarioException(scenario.FilePath, [new ScenarioError("$.dataset", $"data set '{data.Name}' is not a classification data set held in memory; training needs one")]);
        }

        var shape = new ModelShape(data.Features, data.Classes);
        return new TrainingPlan(scenario, catalog, data, shape, Initialise(scenario, catalog, shape, "model.init"), device);
    }

    /// <summary>The scenario model's initial parameters, from a stream of the run seed named <paramref name="stream"/>.</summary>
    private static float[] Initialise(TrainingScenario scenario, PluginCatalog catalog, ModelShape shape, string stream)
    {
        var factory = catalog.Create<IModelFactory>(scenario.Model.Name, scenario.Model.Options);
        using var model = SeededTorch.Run(scenario.Seed, stream, () => ModelConstruction.Create(factory, scenario.Model, shape));
        return ModelParameters.Flatten(model);
    }
}
