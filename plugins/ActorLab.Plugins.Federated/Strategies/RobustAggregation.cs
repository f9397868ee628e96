namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Coordinate-wise order statistics and Krum scores shared by the robust strategies.</summary>
internal static class RobustAggregation
{
    /// <summary>Applies <paramref name="reduce"/> to each coordinate's values across <paramref name="vectors"/>.</summary>
    public static float[] Coordinatewise(IReadOnlyList<float[]> vectors, int length, Func<double[], double> reduce)
    {
        var result = new float[length];
        var column = new double[vectors.Count];
        for (var i = 0; i < length; i++)
        {
            for (var k = 0; k < vectors.Count; k++)
            {
                column[k] = vectors[k][i];
            }

            Array.Sort(column);
            result[i] = (float)reduce(column);
        }

        return result;
    }

    /// <summary>Median of sorted values (mean of the two middle ones for an even count).</summary>
    public static double Median(double[] sorted)
    {
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /// <summary>
    /// Krum scores (Blanchard et al. 2017): for each vector, the sum of squared distances to its
    /// n - f - 2 nearest other vectors.
    /// </summary>
    public static double[] KrumScores(IReadOnlyList<float[]> vectors, int byzantine)
    {
        var n = vectors.Count;
        var distances = new double[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                distances[a, b] = distances[b, a] = Contracts.Federated.ParameterMath.SquaredDistance(vectors[a], vectors[b]);
            }
        }

        var neighbours = Math.Max(1, n - byzantine - 2);
        var scores = new double[n];
        for (var a = 0; a < n; a++)
        {
            scores[a] = Enumerable.Range(0, n).Where(b => b != a).Select(b => distances[a, b]).Order().Take(neighbours).Sum();
        }

        return scores;
    }

    /// <summary>Indices of the <paramref name="count"/> lowest scores, ties broken by index.</summary>
    public static int[] Lowest(double[] scores, int count) =>
        Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ThenBy(i => i).Take(count).ToArray();
}
