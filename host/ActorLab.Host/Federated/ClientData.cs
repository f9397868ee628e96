using ActorLab.Contracts.Data;
using TorchSharp;

namespace ActorLab.Host.Federated;

/// <summary>Builds the tensors of a subset of rows: features [n, d] float32 and labels [n] int64.</summary>
public static class ClientData
{
    /// <summary>The training rows <paramref name="rows"/> of <paramref name="dataset"/> as tensors.</summary>
    public static (torch.Tensor Features, torch.Tensor Labels) TrainRows(Dataset dataset, int[] rows)
    {
        var features = new float[rows.Length * dataset.Features];
        var labels = new long[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            Array.Copy(dataset.TrainFeatures, (long)rows[r] * dataset.Features, features, (long)r * dataset.Features, dataset.Features);
            labels[r] = dataset.TrainLabels[rows[r]];
        }

        return (torch.tensor(features, [rows.Length, dataset.Features]), torch.tensor(labels));
    }

    /// <summary>The whole test split as tensors.</summary>
    public static (torch.Tensor Features, torch.Tensor Labels) TestRows(Dataset dataset) =>
        (torch.tensor(dataset.TestFeatures, [dataset.TestCount, dataset.Features]),
         torch.tensor(dataset.TestLabels.Select(l => (long)l).ToArray()));
}
