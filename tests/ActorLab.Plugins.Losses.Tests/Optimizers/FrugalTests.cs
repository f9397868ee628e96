using ActorLab.Plugins.Losses.Optimizers.Frugal;
using TorchSharp.Modules;
using Xunit;
using static ActorLab.Plugins.Losses.Tests.Optimizers.OptimizerTestData;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests.Optimizers;

/// <summary>FRUGAL (Zmushko et al., ICML 2025), RandK variant: its two limits, the seeded subspace switches, the state it holds and a training run.</summary>
public sealed class FrugalTests
{
    private static readonly long[][] Shapes = [[8, 6], [8], [3, 8], [3]];

    private static Parameter[] Parameters(int seed) =>
        Shapes.Select(s => Parameter(Vector(new Random(seed + s.Length), (int)s.Aggregate(1L, (a, b) => a * b), 0.1), s)).ToArray();

    private static void SetGradients(Parameter[] ps, Random random)
    {
        foreach (var p in ps)
        {
            SetGradient(p, Vector(random, (int)p.numel()));
        }
    }

    private static FrugalTorchOptimizer Create(Parameter[] ps, double lr, FrugalOptions options) =>
        (FrugalTorchOptimizer)new FrugalOptimizer(options).Create(ps, lr);

    [Fact]
    public void With_density_1_it_is_adam()
    {
        var (frugalParams, adamParams) = (Parameters(1), Parameters(1));
        using var frugal = Create(frugalParams, 0.01, new FrugalOptions { Density = 1, UpdateInterval = 2, Beta1 = 0.8, Beta2 = 0.9 });
        using var adam = optim.Adam(adamParams, lr: 0.01, beta1: 0.8, beta2: 0.9, eps: 1e-8);
        for (var step = 0; step < 6; step++)
        {
            SetGradients(frugalParams, new Random(100 + step));
            SetGradients(adamParams, new Random(100 + step));
            frugal.step();
            adam.step();
        }

        for (var i = 0; i < Shapes.Length; i++)
        {
            var (f, a) = (Values(frugalParams[i]), Values(adamParams[i]));
            Assert.All(f.Zip(a), x => Assert.Equal(x.Second, x.First, 1e-6));
        }

        Assert.Equal(2 * frugalParams.Sum(p => p.numel()), frugal.StateElements);
    }

    [Fact]
    public void With_density_0_it_is_sign_sgd_and_holds_no_state()
    {
        var ps = Parameters(2);
        using var frugal = Create(ps, 0.05, new FrugalOptions { Density = 0, StateFreeLearningRateScale = 0.5 });
        var expected = ps.Select(Values).ToArray();
        double[] rates = [0.05, 0.02, 0.08]; // set on ParamGroups each step, as the host's schedule does
        for (var step = 0; step < 3; step++)
        {
            var random = new Random(200 + step);
            var grads = ps.Select(p => Vector(random, (int)p.numel())).ToArray();
            for (var i = 0; i < ps.Length; i++)
            {
                SetGradient(ps[i], grads[i]);
                expected[i] = expected[i].Select((w, j) => w - rates[step] * 0.5 * Math.Sign(grads[i][j])).ToArray();
            }

            foreach (var group in frugal.ParamGroups)
            {
                group.LearningRate = rates[step];
            }

            frugal.step();
        }

        for (var i = 0; i < ps.Length; i++)
        {
            Assert.All(expected[i].Zip(Values(ps[i])), x => Assert.Equal(x.First, x.Second, 1e-6));
        }

        Assert.Equal(0, frugal.StateElements);
    }

    [Fact]
    public void The_state_full_coordinates_are_redrawn_every_T_steps_from_the_seed_with_fresh_adam_state()
    {
        long[][] History(int seed, int steps)
        {
            var ps = Parameters(3);
            using var frugal = Create(ps, 0.01, new FrugalOptions { Density = 0.25, UpdateInterval = 3, Seed = seed });
            var history = new List<long[]>();
            for (var step = 0; step < steps; step++)
            {
                SetGradients(ps, new Random(300 + step));
                frugal.step();
                history.Add(frugal.StateFullIndices(0));
            }

            return [.. history];
        }

        var first = History(7, 9);
        Assert.Equal(first, History(7, 9)); // same seed, same subspaces
        Assert.NotEqual(first, History(8, 9));
        Assert.All(first, s => Assert.Equal(12, s.Length)); // round(0.25 x 48)
        Assert.All(first, s => Assert.Equal(s.Order(), s));
        for (var step = 1; step < 9; step++)
        {
            if (step % 3 == 0)
            {
                Assert.NotEqual(first[step - 1], first[step]);
            }
            else
            {
                Assert.Equal(first[step - 1], first[step]);
            }
        }

        // Right after a redraw (step 4 = the first of round 1) the new coordinates take Adam's first step from zero
        // moments, lr g / (|g| + eps), while the others take the state-free lr * scale * sign(g).
        var p = Parameter(Vector(new Random(4), 40, 0.1), 40);
        using var optimizer = Create([p], 0.1, new FrugalOptions { Density = 0.5, UpdateInterval = 3, StateFreeLearningRateScale = 0.25, Seed = 1 });
        double[] before = [], g = [];
        for (var step = 0; step < 4; step++)
        {
            before = Values(p);
            var grad = Vector(new Random(400 + step), 40);
            g = grad.Select(x => (double)x).ToArray();
            SetGradient(p, grad);
            optimizer.step();
        }

        var selected = optimizer.StateFullIndices(0).ToHashSet();
        var after = Values(p);
        for (var i = 0; i < 40; i++)
        {
            var step = selected.Contains(i) ? 0.1 * g[i] / (Math.Abs(g[i]) + 1e-8) : 0.1 * 0.25 * Math.Sign(g[i]);
            Assert.Equal(before[i] - step, after[i], 1e-6);
        }
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.1)]
    public void Adam_state_is_about_density_times_twice_the_parameter_count(double density)
    {
        using var model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10));
        var ps = model.parameters().ToArray();
        using var frugal = (FrugalTorchOptimizer)new FrugalOptimizer(new FrugalOptions { Density = density }).Create(ps, 0.01);
        Assert.Equal(0, frugal.StateElements); // nothing before the first step
        SetGradients(ps, new Random(1));
        frugal.step();
        var parameters = ps.Sum(p => p.numel());
        Assert.Equal(2 * ps.Sum(p => (long)Math.Round(density * p.numel())), frugal.StateElements);
        Assert.InRange(frugal.StateElements / (2.0 * parameters), density - 0.001, density + 0.001);
    }

    [Fact]
    public void It_trains_a_small_regression_network_to_a_low_loss()
    {
        manual_seed(11);
        var x = randn(256, 8);
        var y = (x * linspace(-1, 1, 8)).sum(1, keepdim: true) + 0.5 * x.select(1, 0).unsqueeze(1).square();
        using var model = nn.Sequential(nn.Linear(8, 32), nn.Tanh(), nn.Linear(32, 1));
        using var frugal = new FrugalOptimizer(new FrugalOptions { UpdateInterval = 20, StateFreeLearningRateScale = 0.1, Seed = 3 }).Create(model.parameters(), 0.01);
        double Loss() => nn.functional.mse_loss(model.call(x), y).item<float>();
        var initial = Loss();
        for (var step = 0; step < 400; step++)
        {
            using var scope = NewDisposeScope();
            frugal.zero_grad();
            nn.functional.mse_loss(model.call(x), y).backward();
            frugal.step();
        }

        var final = Loss();
        Assert.True(final < 0.05 * initial, $"mse {initial:F4} -> {final:F4}");
    }

    [Fact]
    public void Bad_options_name_the_option()
    {
        var ps = Parameters(1);
        var e = Assert.Throws<ArgumentException>(() => new FrugalOptimizer(new FrugalOptions { Density = 1.5 }).Create(ps, 0.01));
        Assert.Contains("frugal: option 'density'", e.Message);
        Assert.Contains("updateInterval", Assert.Throws<ArgumentException>(() => new FrugalOptimizer(new FrugalOptions { UpdateInterval = 0 }).Create(ps, 0.01)).Message);
    }
}
