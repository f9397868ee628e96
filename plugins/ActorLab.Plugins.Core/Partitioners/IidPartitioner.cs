using ActorLab.Contracts.Data;

namespace ActorLab.Plugins.Core.Partitioners;

/// <summary>IID split: shuffle all rows, deal them into equal shards (sizes differ by at most one).</summary>
public sealed class IidPartitioner : IPartitioner
{
    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, Random random)
    {
        if (labels.Length < clients)
        {
            throw new PartitionException($"iid: {labels.Length} rows cannot give each of {clients} clients at least one");
        }

        var order = Enumerable.Range(0, labels.Length).ToArray();
        random.Shuffle(order);
        var shards = new int[clients][];
        var start = 0;
        for (var c = 0; c < clients; c++)
        {
            var size = labels.Length / clients + (c < labels.Length % clients ? 1 : 0);
            shards[c] = order[start..(start + size)];
            Array.Sort(shards[c]);
            start += size;
        }

        return shards;
    }
}
