using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Federated.Partitioners;

/// <summary>Options of <see cref="QuantitySkewPartitioner"/>.</summary>
public sealed record QuantitySkewOptions
{
    /// <summary>Standard deviation sigma of the log of the client sizes (0 = equal sizes).</summary>
    public double Sigma { get; init; } = 1.0;

    /// <summary>Rows every client gets at least.</summary>
    public int MinSamples { get; init; } = 1;
}

/// <summary>
/// Quantity skew: labels IID, sizes unequal. Client sizes are proportional to log-normal draws
/// exp(sigma z), z ~ N(0, 1) (as in NIID-Bench), after giving every client minSamples rows; the shuffled rows
/// are then cut at those sizes.
/// </summary>
public sealed class QuantitySkewPartitioner(QuantitySkewOptions options) : IPartitioner
{
    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, Random random)
    {
        if ((long)options.MinSamples * clients > labels.Length || options.MinSamples < 0)
        {
            throw new PartitionException($"quantity-skew: {clients} clients x minSamples {options.MinSamples} exceeds the {labels.Length} rows");
        }

        var weights = new double[clients];
        for (var c = 0; c < clients; c++)
        {
            weights[c] = Math.Exp(options.Sigma * random.NextGaussian());
        }

        var spare = labels.Length - options.MinSamples * clients;
        var total = weights.Sum();
        var sizes = weights.Select(w => options.MinSamples + (int)Math.Floor(spare * w / total)).ToArray();
        for (var c = 0; sizes.Sum() < labels.Length; c = (c + 1) % clients)
        {
            sizes[c]++; // rounding leftovers, one each
        }

        var rows = Enumerable.Range(0, labels.Length).ToArray();
        random.Shuffle(rows);
        var shards = new List<int>[clients];
        var start = 0;
        for (var c = 0; c < clients; c++)
        {
            shards[c] = [.. rows[start..(start + sizes[c])]];
            start += sizes[c];
        }

        return PathologicalPartitioner.Finish(shards, "quantity-skew");
    }
}
