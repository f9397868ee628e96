using ActorLab.Contracts.Data;
using TorchSharp;

namespace ActorLab.Host.Federated;

/// <summary>Builds tensors from rows: features [n, d] float32 and labels [n] int64.</summary>
public static class ClientData
{
    /// <summary>Client <paramref name="client"/>'s training rows as tensors.</summary>
    public static (torch.Tensor Features, torch.Tensor Labels) TrainRows(IClientRowSource rows, int client, int features)
    {
        if (rows is IndexedClientRows indexed)
        {
            return indexed.Tensors(client);
        }

        var (x, y) = rows.Load(client);
        return (torch.tensor(x, [y.Length, features]), torch.tensor(y.Select(l => (long)l).ToArray()));
    }

    /// <summary>The whole test split as tensors.</summary>
    public static (torch.Tensor Features, torch.Tensor Labels) TestRows(Dataset dataset) =>
        (torch.tensor(dataset.TestFeatures, [dataset.TestCount, dataset.Features]),
         torch.tensor(dataset.TestLabels.Select(l => (long)l).ToArray()));
}
