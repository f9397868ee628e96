using ActorLab.Contracts.Data;

namespace ActorLab.Plugins.Federated.Partitioners;

/// <summary>Options of <see cref="ShardPartitioner"/>.</summary>
public sealed record ShardOptions
{
    /// <summary>Shards each client receives (McMahan et al. use 2).</summary>
    public int ShardsPerClient { get; init; } = 2;
}

/// <summary>
/// The shard split of McMahan et al. (2017): sort the rows by label (ties in random order), cut them into
/// clients x shardsPerClient equal shards, and give each client shardsPerClient shards at random. Most clients
/// then see only a few classes.
/// </summary>
public sealed class ShardPartitioner(ShardOptions options) : IPartitioner
{
    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, Random random)
    {
        var shardCount = clients * options.ShardsPerClient;
        if (options.ShardsPerClient < 1 || shardCount > labels.Length)
        {
            throw new PartitionException($"shard: {clients} clients x shardsPerClient {options.ShardsPerClient} shards need at least that many rows ({labels.Length} available)");
        }

        var rows = Enumerable.Range(0, labels.Length).ToArray();
        random.Shuffle(rows);
        var labelOf = labels.ToArray();
        rows = rows.OrderBy(r => labelOf[r]).ToArray(); // stable: ties keep their shuffled order
        var shardOrder = Enumerable.Range(0, shardCount).ToArray();
        random.Shuffle(shardOrder);
        var shardSize = labels.Length / shardCount;
        var shards = Enumerable.Range(0, clients).Select(_ => new List<int>()).ToArray();
        for (var s = 0; s < shardCount; s++)
        {
            var shard = shardOrder[s];
            var end = shard == shardCount - 1 ? rows.Length : (shard + 1) * shardSize;
            shards[s / options.ShardsPerClient].AddRange(rows[(shard * shardSize)..end]);
        }

        return PathologicalPartitioner.Finish(shards, "shard");
    }
}
