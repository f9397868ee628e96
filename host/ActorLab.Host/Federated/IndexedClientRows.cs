using ActorLab.Contracts.Data;

namespace ActorLab.Host.Federated;

/// <summary>Client rows of a data set held in memory: client k's rows are the training rows listed in its shard.</summary>
public sealed class IndexedClientRows(Dataset dataset, int[][] shards) : IClientRowSource
{
    /// <inheritdoc />
    public int Clients => shards.Length;

    /// <summary>The row indices of each client.</summary>
    public int[][] Shards => shards;

    /// <inheritdoc />
    public int SampleCount(int client) => shards[client].Length;

    /// <summary>The client's responses, for regression data sets.</summary>
    public float[] Responses(int client) =>
        dataset.TrainResponses is { } responses
            ? shards[client].Select(row => responses[row]).ToArray()
            : throw new InvalidOperationException($"data set '{dataset.Name}' has no responses");

    /// <inheritdoc />
    public (float[] Features, int[] Labels) Load(int client)
    {
        var rows = shards[client];
        var features = new float[rows.Length * dataset.Features];
        var labels = new int[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            Array.Copy(dataset.TrainFeatures, (long)rows[r] * dataset.Features, features, (long)r * dataset.Features, dataset.Features);
            labels[r] = dataset.TrainLabels[rows[r]];
        }

        return (features, labels);
    }
}
