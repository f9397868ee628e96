namespace ActorLab.Contracts.Data;

/// <summary>
/// Splits the training rows among simulated clients (IID, label skew, quantity skew, ...).
/// </summary>
public interface IPartitioner
{
    /// <summary>
    /// Returns, for each client 0..clients-1, the indices of its training rows (each row at most once).
    /// </summary>
    /// <param name="labels">The training labels.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="clients">Number of clients.</param>
    /// <param name="random">A seeded stream for this partitioning; the only randomness to use.</param>
    int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, Random random);
}

/// <summary>A partitioner that needs the whole data set, not only the labels (e.g. to use its natural per-device split).</summary>
public interface IDatasetPartitioner
{
    /// <summary>Returns each client's training rows.</summary>
    int[][] Partition(Dataset dataset, int clients, Random random);
}

/// <summary>The partitioner cannot satisfy its constraints (e.g. too few rows for the minimum per client).</summary>
public sealed class PartitionException(string message) : Exception(message);
