using ActorLab.Plugins.Losses.Optimizers;
using ActorLab.Plugins.Losses.Optimizers.PerpendicularGradient;
using Xunit;
using static ActorLab.Plugins.Losses.Tests.Optimizers.OptimizerTestData;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests.Optimizers;

/// <summary>⊥Grad (Prieto et al., ICLR 2025): the projection's claimed properties and ⊥AdamW against AdamW's formula in doubles.</summary>
public sealed class PerpendicularGradientTests
{
    /// <summary>g_perp = g - (w.g / w.w) w, rescaled to ||g||, in doubles.</summary>
    private static double[] Perpendicular(double[] w, double[] g)
    {
        var c = Dot(w, g) / Dot(w, w);
        var perp = g.Select((v, i) => v - c * w[i]).ToArray();
        var scale = Math.Sqrt(Dot(g, g)) / Math.Sqrt(Dot(perp, perp));
        return perp.Select(v => v * scale).ToArray();
    }

    [Theory]
    [InlineData(1, new long[] { 7, 5 })]
    [InlineData(2, new long[] { 11 })]
    [InlineData(3, new long[] { 4, 3, 2 })]
    public void Projected_gradient_is_orthogonal_to_the_weights_and_keeps_the_gradient_norm(int seed, long[] shape)
    {
        var random = new Random(seed);
        var n = (int)shape.Aggregate(1L, (a, b) => a * b);
        var (w, g) = (Vector(random, n, 0.3), Vector(random, n));
        var projected = PerpendicularGradientOptimizer.Project(tensor(w).reshape(shape), tensor(g).reshape(shape));
        Assert.Equal(shape, projected.shape);
        var perp = Values(projected);
        var (wd, gd) = (w.Select(v => (double)v).ToArray(), g.Select(v => (double)v).ToArray());
        var wNorm = Math.Sqrt(Dot(wd, wd));
        var gNorm = Math.Sqrt(Dot(gd, gd));
        Assert.True(Math.Abs(Dot(perp, wd)) < 1e-5 * wNorm * gNorm, $"g_perp . w = {Dot(perp, wd)}");
        Assert.Equal(gNorm, Math.Sqrt(Dot(perp, perp)), 1e-5);
        var expected = Perpendicular(wd, gd);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], perp[i], 1e-5);
        }
    }

    [Fact]
    public void Zero_weights_keep_the_gradient_and_a_gradient_along_the_weights_becomes_zero()
    {
        var g = tensor(new[] { 0.5f, -1f, 2f });
        Assert.Equal(Values(g), Values(PerpendicularGradientOptimizer.Project(zeros(3), g)));
        var w = tensor(new[] { 1f, 2f, -3f });
        Assert.All(Values(PerpendicularGradientOptimizer.Project(w, w * -2.5f)), v => Assert.Equal(0, v, 1e-6));
    }

    [Fact]
    public void Perpendicular_adamw_steps_are_adamw_applied_to_the_hand_computed_perpendicular_gradient()
    {
        var random = new Random(5);
        const int n = 12;
        var p = Parameter(Vector(random, n, 0.2), 3, 4);
        var options = new AdamWOptions { Beta1 = 0.8, Beta2 = 0.95, WeightDecay = 0.1, Epsilon = 1e-8 };
        using var optimizer = new PerpendicularAdamWOptimizer(options).Create([p], 0.01);

        var w = Values(p);
        var (m, v) = (new double[n], new double[n]);
        double[] rates = [0.01, 0.03, 0.02]; // the host sets each step's rate on ParamGroups
        for (var t = 1; t <= rates.Length; t++)
        {
            var g = Vector(random, n);
            SetGradient(p, g);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rates[t - 1];
            }

            optimizer.step();

            // AdamW (decoupled decay, bias-corrected moments) on g_perp, computed from the weights before the step.
            var gp = Perpendicular(w, g.Select(x => (double)x).ToArray());
            var lr = rates[t - 1];
            for (var i = 0; i < n; i++)
            {
                m[i] = options.Beta1 * m[i] + (1 - options.Beta1) * gp[i];
                v[i] = options.Beta2 * v[i] + (1 - options.Beta2) * gp[i] * gp[i];
                var mHat = m[i] / (1 - Math.Pow(options.Beta1, t));
                var vHat = v[i] / (1 - Math.Pow(options.Beta2, t));
                w[i] = w[i] * (1 - lr * options.WeightDecay) - lr * mHat / (Math.Sqrt(vHat) + options.Epsilon);
            }

            var actual = Values(p);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(w[i], actual[i], 1e-5);
            }
        }
    }

    [Fact]
    public void Perpendicular_sgd_step_is_w_minus_lr_times_the_perpendicular_gradient_and_zero_grad_clears()
    {
        var random = new Random(9);
        var p = Parameter(Vector(random, 6, 0.5), 6);
        using var optimizer = new PerpendicularSgdOptimizer(new PerpendicularSgdOptions()).Create([p], 0.1);
        var w = Values(p);
        var g = Vector(random, 6);
        SetGradient(p, g);
        optimizer.step();
        var gp = Perpendicular(w, g.Select(x => (double)x).ToArray());
        var actual = Values(p);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(w[i] - 0.1 * gp[i], actual[i], 1e-6);
        }

        optimizer.zero_grad();
        Assert.All(Values(p.grad!), x => Assert.Equal(0, x));
        Assert.Throws<ArgumentException>(() => new PerpendicularSgdOptimizer(new PerpendicularSgdOptions { Momentum = 1 }).Create([p], 0.1));
    }
}
