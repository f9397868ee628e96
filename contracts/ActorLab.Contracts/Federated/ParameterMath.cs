namespace ActorLab.Contracts.Federated;

/// <summary>
/// Arithmetic on flat parameter vectors that many strategies share (FedAvg's weighted mean, deltas). Sums
/// run in double and in the order given (the host passes updates sorted by client id), so results are
/// bit-reproducible.
/// </summary>
public static class ParameterMath
{
    /// <summary>Sample-count-weighted mean of the updates' parameters: FedAvg's sum_k n_k w_k / sum_k n_k.</summary>
    public static float[] WeightedMean(IReadOnlyList<ClientUpdate> updates, int length) =>
        WeightedMean(updates, length, u => u.SampleCount, u => u.Parameters);

    /// <summary>Weighted mean of vectors selected from the updates.</summary>
    public static float[] WeightedMean(IReadOnlyList<ClientUpdate> updates, int length, Func<ClientUpdate, double> weight, Func<ClientUpdate, float[]> vector)
    {
        var sum = new double[length];
        double total = 0;
        foreach (var update in updates)
        {
            var values = vector(update);
            if (values.Length != length)
            {
                throw new ArgumentException($"client {update.ClientId} sent {values.Length} values, expected {length}");
            }

            var w = weight(update);
            total += w;
            for (var i = 0; i < length; i++)
            {
                sum[i] += w * values[i];
            }
        }

        if (total <= 0)
        {
            throw new ArgumentException("the weights of the updates sum to zero");
        }

        var result = new float[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = (float)(sum[i] / total);
        }

        return result;
    }

    /// <summary>The pseudo-gradient global - mean: the direction server optimizers (FedAdam, FedAvgM) step against.</summary>
    public static double[] Difference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"vectors of different lengths ({a.Length} and {b.Length})");
        }

        var result = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = (double)a[i] - b[i];
        }

        return result;
    }

    /// <summary>Squared Euclidean distance between two vectors.</summary>
    public static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }
}
