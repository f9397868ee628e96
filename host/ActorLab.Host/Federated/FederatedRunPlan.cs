using ActorLab.Contracts.Data;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Federated.Faults;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using TorchSharp;

namespace ActorLab.Host.Federated;

/// <summary>
/// Everything a federated run is made of before any actor starts: the scenario, the catalog to create
/// components from, the loaded data set, each client's rows (indexed into the data set, or produced on demand
/// for generated federations) and the initial global parameters. Built once in the process that runs the
/// simulation; actors receive it at construction, never in a message.
/// </summary>
public sealed record FederatedRunPlan(FederatedScenario Scenario, PluginCatalog Catalog, Dataset Dataset, IClientRowSource Clients, ModelShape Shape, float[] InitialParameters)
{
    /// <summary>Which clients misbehave, and how (from the scenario's faults and the run seed).</summary>
    public FaultPlan Faults { get; } = new(Scenario.Faults, Scenario.Seed, Scenario.Clients.Total, Scenario.Training.LocalEpochs, Clients.SampleCount);

    /// <summary>
    /// Whether sampled clients evaluate the global model on their own data before training: asked by the
    /// scenario (fairness metrics) or needed by the strategy (q-FedAvg's F_k).
    /// </summary>
    public bool ClientsEvaluate { get; } = Scenario.EvaluatePerClient
        || Catalog.Create<IAggregationStrategy>(Scenario.Strategy.Name, Scenario.Strategy.Options) is IUsesInitialLoss;

    /// <summary>
    /// Whether the server emits a journal event per round (<see cref="Resume.RoundCheckpoint"/>) and clients report
    /// their algorithm state for it; set by the launcher when the run's journal is on.
    /// </summary>
    public bool Checkpoints { get; init; }

    /// <summary>Training samples each client holds, by client id.</summary>
    public int ShardSize(int client) => Clients.SampleCount(client);

    /// <summary>Loads the data, partitions it and initialises the global model, all from the run seed.</summary>
    public static FederatedRunPlan Build(FederatedScenario scenario, PluginCatalog catalog)
    {
        var dataset = catalog.Create<IDatasetSource>(scenario.Dataset.Name, scenario.Dataset.Options)
            .Load(new DatasetRequest(scenario.Seed, scenario.TestFraction));
        var clients = dataset.ClientRows is { } generated
            ? CheckGenerated(generated, dataset, scenario)
            : Partition(dataset, scenario, catalog);

        CheckTask(dataset, scenario, clients);
        var shape = new ModelShape(dataset.Features, dataset.Classes);
        var factory = catalog.Create<IModelFactory>(scenario.Model.Name, scenario.Model.Options);

        // Model initialisation draws from torch's process-wide generator: seeded and drawn under its lock.
        using var model = SeededTorch.Run(scenario.Seed, "model.init", () => ModelConstruction.Create(factory, scenario.Model, shape));
        return new FederatedRunPlan(scenario, catalog, dataset, clients, shape, ModelParameters.Flatten(model));
    }

    /// <summary>Bags need a regression data set held in memory; a regression data set needs bags.</summary>
    private static void CheckTask(Dataset dataset, FederatedScenario scenario, IClientRowSource clients)
    {
        if (scenario.Bags is not null && (dataset.TrainResponses is null || clients is not IndexedClientRows))
        {
            throw Refused(scenario, "$.bags", $"data set '{dataset.Name}' has no responses to aggregate; learning from aggregate responses needs a regression data set such as linear-regression");
        }

        if (scenario.Bags is null && dataset.TrainResponses is not null)
        {
            throw Refused(scenario, "$.dataset", $"data set '{dataset.Name}' is a regression data set; add a \"bags\" section to learn from its aggregate responses");
        }
    }

    private static IndexedClientRows Partition(Dataset dataset, FederatedScenario scenario, PluginCatalog catalog)
    {
        if (scenario.Clients.Total > dataset.TrainCount)
        {
            throw Refused(scenario, "$.clients.total", $"{scenario.Clients.Total} clients, but data set '{dataset.Name}' has {dataset.TrainCount} training rows and every client needs at least one; use at most {dataset.TrainCount} clients");
        }

        var partitioner = catalog.Create<IPartitioner>(scenario.Partitioner.Name, scenario.Partitioner.Options);
        var random = RandomStreams.Create(scenario.Seed, "partitioner");
        int[][] shards;
        try
        {
            shards = partitioner is IDatasetPartitioner datasetPartitioner
                ? datasetPartitioner.Partition(dataset, scenario.Clients.Total, random)
                : partitioner.Partition(dataset.TrainLabels, dataset.Classes, scenario.Clients.Total, random);
        }
        catch (PartitionException ex)
        {
            // The partitioner cannot meet its constraints with these clients and options: the partitioner's block is where to look.
            throw Refused(scenario, scenario.Partitioner.SetupPath, ex.Message);
        }

        if (shards.Length != scenario.Clients.Total)
        {
            throw new InvalidOperationException($"partitioner '{scenario.Partitioner.Name}' returned {shards.Length} shards for {scenario.Clients.Total} clients");
        }

        return new IndexedClientRows(dataset, shards);
    }

    private static IClientRowSource CheckGenerated(IClientRowSource generated, Dataset dataset, FederatedScenario scenario)
    {
        if (scenario.Partitioner.Name != "natural")
        {
            throw Refused(scenario, scenario.Partitioner.JsonPath, $"data set '{dataset.Name}' is generated per client; use the natural partitioner (\"partitioner\": \"natural\")");
        }

        if (generated.Clients != scenario.Clients.Total)
        {
            throw Refused(scenario, "$.clients.total", $"natural: data set '{dataset.Name}' has {generated.Clients} devices; set clients.total to {generated.Clients}");
        }

        return generated;
    }

    private static ScenarioException Refused(FederatedScenario scenario, string jsonPath, string message) =>
        new(scenario.FilePath, [new ScenarioError(jsonPath, message)]);
}
