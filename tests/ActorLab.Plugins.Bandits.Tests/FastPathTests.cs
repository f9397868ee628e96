using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Bandits;
using ActorLab.Plugins.Bandits.Environments;
using ActorLab.Plugins.Bandits.Policies;
using Xunit;

namespace ActorLab.Plugins.Bandits.Tests;

/// <summary>
/// The speed-ups of issue 17 change no result: UCB1's batch fast path against the per-step loop, the inlined
/// System.Random sequence against System.Random, the ridge arms' reused A^-1 x against a recomputed one.
/// </summary>
public sealed class FastPathTests
{
    [Theory]
    [InlineData(null, 10)]
    [InlineData(new[] { 0.5, 0.5, 0.5, 0.5 }, 4)] // ties everywhere: lowest index wins in both loops
    [InlineData(new[] { 0.9, 0.1 }, 2)]
    public void Ucb1_batch_fast_path_gives_the_per_step_loops_totals_bit_for_bit(double[]? means, int arms)
    {
        BanditTotals Play(bool batched, int[] batches)
        {
            var environment = new BernoulliArms(new BernoulliArmsOptions { Means = means, Arms = arms });
            var policy = new Ucb1();
            var setup = new BanditSetup(environment.Arms, 0, batches.Sum(), Seed: 7, Repetition: 3);
            environment.Reset(setup);
            policy.Reset(setup);
            var totals = new BanditTotals(environment.Arms);
            long first = 0;
            foreach (var count in batches)
            {
                if (batched)
                {
                    BanditSteps.Run(environment, policy, first, count, totals);
                }
                else
                {
                    BanditSteps.RunPerStep(environment, policy, first, count, totals);
                }

                first += count;
            }

            return totals;
        }

        var perStep = Play(batched: false, [20_000]);
        foreach (var batches in new[] { new[] { 20_000 }, new[] { 1, 2, 3, 994, 9_000, 10_000 } })
        {
            var fast = Play(batched: true, batches);
            Assert.Equal(perStep.Steps, fast.Steps);
            Assert.Equal(perStep.Pulls, fast.Pulls);
            Assert.Equal(BitConverter.DoubleToInt64Bits(perStep.Reward), BitConverter.DoubleToInt64Bits(fast.Reward));
            Assert.Equal(BitConverter.DoubleToInt64Bits(perStep.PseudoRegret), BitConverter.DoubleToInt64Bits(fast.PseudoRegret));
        }
    }

    [Fact]
    public void Ucb1_has_no_fast_path_for_other_environments()
    {
        var policy = new Ucb1();
        var environment = new GaussianArms(new GaussianArmsOptions());
        var setup = new BanditSetup(environment.Arms, 0, 10, 1, 0);
        environment.Reset(setup);
        policy.Reset(setup);
        double reward = 0, regret = 0;
        var pulls = new long[environment.Arms];
        Assert.False(policy.TryPlayBatch(environment, 0, 10, ref reward, ref regret, pulls));
        Assert.All(pulls, p => Assert.Equal(0, p));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-123_456)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Subtractive_random_draws_system_randoms_sequence(int seed)
    {
        var system = new Random(seed);
        var inlined = new SubtractiveRandom(seed);
        for (var i = 0; i < 200_000; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(system.NextDouble()), BitConverter.DoubleToInt64Bits(inlined.NextDouble()));
        }

        // The Beta draws Thompson sampling makes, from the same uniforms.
        for (var i = 0; i < 10_000; i++)
        {
            var a = 1 + i % 50;
            var b = 1 + i % 7 + 0.5;
            Assert.Equal(BitConverter.DoubleToInt64Bits(system.NextBeta(a, b)), BitConverter.DoubleToInt64Bits(RandomDraws.Beta(ref inlined, a, b)));
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.0001)]
    [InlineData(2.0)]
    [InlineData(3.5)]
    [InlineData(57.0)]
    [InlineData(1e3)]
    [InlineData(1e5)]
    [InlineData(1e7)]
    public void Gamma_draws_with_the_squeeze_are_the_full_tests_draws_bit_for_bit(double shape)
    {
        var fast = new SubtractiveRandom(11);
        var reference = new SubtractiveRandom(11);
        var gamma = new GammaShape(shape);
        for (var i = 0; i < 300_000; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(FullTestGamma(ref reference, shape)), BitConverter.DoubleToInt64Bits(RandomDraws.Gamma(ref fast, gamma)));
        }
    }

    /// <summary>Marsaglia &amp; Tsang's Gamma draw with the full acceptance test only (no squeeze): what every draw must equal.</summary>
    private static double FullTestGamma(ref SubtractiveRandom source, double shape)
    {
        if (shape < 1)
        {
            var w = 1.0 - source.NextDouble();
            return FullTestGamma(ref source, shape + 1) * Math.Pow(w, 1.0 / shape);
        }

        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = RandomDraws.Gaussian(ref source);
                v = 1.0 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - source.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    [Fact]
    public void Ridge_update_reusing_the_predicted_product_equals_one_that_recomputes_it()
    {
        const int arms = 3, d = 4;
        var withPredict = new RidgeArms(arms, d, 1.0, intercept: false);
        var updateOnly = new RidgeArms(arms, d, 1.0, intercept: false);
        var random = new Random(5);
        float[] Context() => Enumerable.Range(0, d).Select(_ => (float)random.NextGaussian()).ToArray();
        for (var t = 0; t < 500; t++)
        {
            var x = Context();
            var arm = t % arms;
            for (var a = 0; a < arms; a++)
            {
                withPredict.Predict(a, x); // Update below reuses A_arm^-1 x
            }

            if (t % 5 == 0)
            {
                x = Context(); // a different context than the one predicted on: the product must be recomputed
            }

            var reward = random.NextDouble();
            withPredict.Update(arm, x, reward);
            updateOnly.Update(arm, x, reward);
        }

        var probe = Context();
        for (var a = 0; a < arms; a++)
        {
            var (m1, w1) = withPredict.Predict(a, probe);
            var (m2, w2) = updateOnly.Predict(a, probe);
            Assert.Equal(BitConverter.DoubleToInt64Bits(m2), BitConverter.DoubleToInt64Bits(m1));
            Assert.Equal(BitConverter.DoubleToInt64Bits(w2), BitConverter.DoubleToInt64Bits(w1));
        }
    }
}
