using ActorLab.Plugins.Losses.Optimizers;
using Xunit;
using static ActorLab.Plugins.Losses.Tests.Optimizers.OptimizerTestData;

namespace ActorLab.Plugins.Losses.Tests.Optimizers;

/// <summary>Adam (Kingma &amp; Ba 2015) against its formula in doubles, with the L2 penalty coupled into the gradient.</summary>
public sealed class AdamTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Adam_steps_follow_the_bias_corrected_moments_with_l2_in_the_gradient(double weightDecay)
    {
        var random = new Random(3);
        const int n = 10;
        var p = Parameter(Vector(random, n, 0.2), 2, 5);
        var options = new AdamOptions { Beta1 = 0.8, Beta2 = 0.95, WeightDecay = weightDecay, Epsilon = 1e-8 };
        using var optimizer = new AdamOptimizer(options).Create([p], 0.01);

        var w = Values(p);
        var (m, v) = (new double[n], new double[n]);
        for (var t = 1; t <= 3; t++)
        {
            var g = Vector(random, n);
            SetGradient(p, g);
            optimizer.step();
            for (var i = 0; i < n; i++)
            {
                var gi = g[i] + weightDecay * w[i]; // coupled: the penalty passes through the moments (AdamW's does not)
                m[i] = options.Beta1 * m[i] + (1 - options.Beta1) * gi;
                v[i] = options.Beta2 * v[i] + (1 - options.Beta2) * gi * gi;
                var mHat = m[i] / (1 - Math.Pow(options.Beta1, t));
                var vHat = v[i] / (1 - Math.Pow(options.Beta2, t));
                w[i] -= 0.01 * mHat / (Math.Sqrt(vHat) + options.Epsilon);
            }

            var actual = Values(p);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(w[i], actual[i], 1e-5);
            }
        }
    }
}
