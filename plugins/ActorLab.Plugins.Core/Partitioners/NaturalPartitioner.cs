using ActorLab.Contracts.Data;

namespace ActorLab.Plugins.Core.Partitioners;

/// <summary>
/// Uses the data set's own per-device split (FedProx's Synthetic: one client per generated device), unchanged.
/// clients.total must equal the number of devices.
/// </summary>
public sealed class NaturalPartitioner : IPartitioner, IDatasetPartitioner
{
    /// <inheritdoc />
    public int[][] Partition(Dataset dataset, int clients, Random random)
    {
        var shards = dataset.NaturalShards
            ?? throw new PartitionException($"natural: data set '{dataset.Name}' has no per-device split; use iid, dirichlet or another partitioner");
        if (shards.Length != clients)
        {
            throw new PartitionException($"natural: data set '{dataset.Name}' has {shards.Length} devices; set clients.total to {shards.Length}");
        }

        return shards;
    }

    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, Random random) =>
        throw new PartitionException("natural: needs the whole data set (the host passes it); it cannot split labels alone");
}
