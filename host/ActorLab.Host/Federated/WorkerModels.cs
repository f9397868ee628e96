using ActorLab.Contracts.Models;
using ActorLab.Contracts.Randomness;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Host.Federated;

/// <summary>
/// One model per trainer thread, shared by every client that trains on that thread. A client loads the global
/// parameters into it at the start of each fit, so nothing of it carries over between clients, and a client that
/// is not training holds no model: 100,000 registered clients cost as many models as there are threads.
/// (Modules with buffers that are not parameters, such as batch-norm statistics, are not federated either way.)
/// </summary>
public sealed class WorkerModels : IDisposable
{
    private readonly ThreadLocal<Module<torch.Tensor, torch.Tensor>> _models;

    /// <summary>Creates the pool for the plan's model.</summary>
    public WorkerModels(FederatedRunPlan plan)
    {
        var scenario = plan.Scenario;
        _models = new ThreadLocal<Module<torch.Tensor, torch.Tensor>>(
            () => SeededTorch.Exclusive(() => plan.Catalog.Create<IModelFactory>(scenario.Model.Name, scenario.Model.Options).Create(plan.Shape)),
            trackAllValues: true);
    }

    /// <summary>The calling thread's model.</summary>
    public Module<torch.Tensor, torch.Tensor> Current => _models.Value!;

    /// <summary>Disposes every thread's model.</summary>
    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            model.Dispose();
        }

        _models.Dispose();
    }
}
