using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Losses.Studies;

/// <summary>
/// A linearly separable binary data set with a margin: a unit normal u drawn uniformly on the sphere, points
/// a_i ~ N(0, I_d) redrawn while |u . a_i| &lt; margin, labels y_i = sign(u . a_i) in {-1, +1}. Every point lies at
/// distance at least <c>margin</c> from the hyperplane u . a = 0 through the origin, so w = u separates the set.
/// </summary>
public static class MarginSeparatedPoints
{
    /// <summary>Draws <paramref name="samples"/> points in <paramref name="features"/> dimensions: row-major A, labels y, and u.</summary>
    public static (double[] A, int[] Y, double[] Normal) Draw(Random random, int samples, int features, double margin)
    {
        var normal = new double[features];
        double norm;
        do
        {
            for (var j = 0; j < features; j++)
            {
                normal[j] = random.NextGaussian();
            }

            norm = Math.Sqrt(normal.Sum(v => v * v));
        }
        while (norm == 0);

        for (var j = 0; j < features; j++)
        {
            normal[j] /= norm;
        }

        var a = new double[samples * features];
        var y = new int[samples];
        for (var i = 0; i < samples; i++)
        {
            var row = a.AsSpan(i * features, features);
            double side;
            do
            {
                side = 0;
                for (var j = 0; j < features; j++)
                {
                    row[j] = random.NextGaussian();
                    side += normal[j] * row[j];
                }
            }
            while (Math.Abs(side) < margin);

            y[i] = side > 0 ? 1 : -1;
        }

        return (a, y, normal);
    }
}
