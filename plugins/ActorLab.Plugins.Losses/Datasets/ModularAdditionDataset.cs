using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Losses.Datasets;

/// <summary>Options of <see cref="ModularAdditionDataset"/>.</summary>
public sealed record ModularAdditionOptions
{
    /// <summary>p: operands and labels are in [0, p).</summary>
    [Range(2, int.MaxValue)]
    public int Modulus { get; init; } = 113;

    /// <summary>Share of the p^2 pairs used for training; the rest is the test split.</summary>
    public double TrainFraction { get; init; } = 0.4;
}

/// <summary>
/// Addition modulo p, the grokking task of Power et al. (2022) as set up by Prieto, Barsbey, Mediano &amp; Birdal,
/// "Grokking at the Edge of Numerical Stability" (ICLR 2025): every pair (a, b) in [0, p)^2 with label (a + b) mod p,
/// features the one-hot of a followed by the one-hot of b (2p features, p classes). The pairs are shuffled by the
/// run seed and the first round(trainFraction p^2) are the training split.
/// </summary>
public sealed class ModularAdditionDataset(ModularAdditionOptions options) : IDatasetSource
{
    /// <inheritdoc />
    public Dataset Load(DatasetRequest request)
    {
        var p = options.Modulus;
        if (p < 2)
        {
            throw new ArgumentException($"modular-addition: option 'modulus' must be at least 2, got {p}; the paper uses 113");
        }

        var pairs = p * p;
        var train = (int)Math.Round(options.TrainFraction * pairs);
        if (train < 1 || train >= pairs)
        {
            throw new ArgumentException($"modular-addition: option 'trainFraction' must leave at least one pair in each split of the {pairs} pairs, got {options.TrainFraction}; the paper uses 0.4");
        }

        var order = Enumerable.Range(0, pairs).ToArray();
        RandomStreams.Create(request.Seed, "modular-addition").Shuffle(order);

        (float[] X, int[] Y) Rows(ReadOnlySpan<int> indices)
        {
            var x = new float[indices.Length * 2 * p];
            var y = new int[indices.Length];
            for (var r = 0; r < indices.Length; r++)
            {
                var (a, b) = Math.DivRem(indices[r], p);
                x[r * 2 * p + a] = 1f;
                x[r * 2 * p + p + b] = 1f;
                y[r] = (a + b) % p;
            }

            return (x, y);
        }

        var (trainX, trainY) = Rows(order.AsSpan(0, train));
        var (testX, testY) = Rows(order.AsSpan(train));
        return new Dataset("modular-addition", 2 * p, p, trainX, trainY, testX, testY);
    }
}
