using ActorLab.Contracts.Bandits;
using ActorLab.Host.Bandits;
using ActorLab.Plugins.Bandits.Environments;
using ActorLab.Plugins.Bandits.Policies;
using ActorLab.Plugins.Bandits.Policies.Neural;
using Xunit;

namespace ActorLab.Plugins.Bandits.Tests;

/// <summary>The contextual policies: their action distributions, propensities, determinism and learning.</summary>
public sealed class ContextualPolicyTests
{
    [Fact]
    public void Squarecb_weighting_gives_each_other_arm_one_over_k_plus_gamma_gap()
    {
        double[] rewards = [0.2, 0.9, 0.5];
        var p = new double[3];
        InverseGapWeighting.SquareCb(rewards, 10, p);
        Assert.Equal(1 / (3 + 10 * 0.7), p[0], 12);
        Assert.Equal(1 / (3 + 10 * 0.4), p[2], 12);
        Assert.Equal(1 - p[0] - p[2], p[1], 12);
        Assert.Equal(10 * Math.Sqrt(100), InverseGapWeighting.Gamma(10, 0.5, 99), 9);
    }

    [Fact]
    public void Fastcb_weighting_uses_the_greedy_arms_predicted_loss()
    {
        double[] rewards = [0.2, 0.9, 0.5]; // losses 0.8, 0.1, 0.5
        var p = new double[3];
        InverseGapWeighting.FastCb(rewards, 10, p);
        Assert.Equal(0.1 / (3 * 0.1 + 10 * 0.7), p[0], 12);
        Assert.Equal(0.1 / (3 * 0.1 + 10 * 0.4), p[2], 12);
        Assert.Equal(1 - p[0] - p[2], p[1], 12);

        InverseGapWeighting.FastCb([1.0, 0.4], 10, p.AsSpan(0, 2)); // a perfect greedy arm: no exploration
        Assert.Equal(0, p[1]);
        Assert.Equal(1, p[0]);
    }

    [Fact]
    public void Argmax_probabilities_of_gaussians_and_betas_sum_to_one_and_match_simulation()
    {
        double[] means = [0.0, 0.3, -0.2, 0.25];
        double[] sds = [1.0, 0.05, 0.5, 2.0]; // a narrow arm next to wide ones
        double[] alphas = [3, 40, 1, 12];
        double[] betas = [5, 60, 1, 10];
        var random = new Random(11);
        var gaussianWins = new int[4];
        var betaWins = new int[4];
        const int draws = 200_000;
        for (var i = 0; i < draws; i++)
        {
            gaussianWins[ArmStatistics.Argmax(Enumerable.Range(0, 4).Select(a => means[a] + sds[a] * Contracts.Randomness.RandomExtensions.NextGaussian(random)).ToArray())]++;
            betaWins[ArmStatistics.Argmax(Enumerable.Range(0, 4).Select(a => Contracts.Randomness.RandomExtensions.NextBeta(random, alphas[a], betas[a])).ToArray())]++;
        }

        var gaussian = Enumerable.Range(0, 4).Select(a => ArgmaxProbability.OfGaussians(means, sds, a)).ToArray();
        var beta = Enumerable.Range(0, 4).Select(a => ArgmaxProbability.OfBetas(alphas, betas, a)).ToArray();
        Assert.Equal(1, gaussian.Sum(), 3);
        Assert.Equal(1, beta.Sum(), 3);
        for (var a = 0; a < 4; a++)
        {
            // 200,000 draws: the standard error of a frequency is at most 0.0011.
            Assert.InRange(gaussianWins[a] / (double)draws, gaussian[a] - 0.005, gaussian[a] + 0.005);
            Assert.InRange(betaWins[a] / (double)draws, beta[a] - 0.005, beta[a] + 0.005);
        }
    }

    [Fact]
    public void Thompson_policies_report_the_probability_of_their_draw_when_a_log_asks_and_nan_otherwise()
    {
        var requested = new BanditSetup(3, 2, 100, Seed: 4, Repetition: 0) { PropensityRequested = true };
        float[] x = [0.6f, -0.8f];
        foreach (var policy in new IBanditPolicy[]
        {
            new ThompsonSampling(new ThompsonOptions()), new ThompsonSampling(new ThompsonOptions { Model = "gaussian" }),
            new LinearThompson(new LinearThompsonOptions()),
        })
        {
            policy.Reset(requested);
            policy.Update(0, 0, 1, x);
            policy.Update(1, 1, 0, x);
            policy.Update(2, 2, 1, x);
            policy.Update(3, 2, 0, x);
            var counts = new int[3];
            var reported = new double[3];
            const int draws = 20_000;
            for (var i = 0; i < draws; i++)
            {
                var arm = policy.Select(4, x, out var propensity); // Select draws but does not learn: the distribution is fixed
                counts[arm]++;
                reported[arm] = propensity;
            }

            for (var a = 0; a < 3; a++)
            {
                Assert.InRange(counts[a] / (double)draws, reported[a] - 0.015, reported[a] + 0.015);
            }

            policy.Reset(requested with { PropensityRequested = false });
            policy.Select(0, x, out var unrequested);
            Assert.True(double.IsNaN(unrequested));
        }
    }

    [Fact]
    public void Randomised_contextual_policies_report_propensities_that_match_their_frequencies()
    {
        var setup = new BanditSetup(3, 2, 100, Seed: 5, Repetition: 0);
        float[] x = [1f, 0.5f];
        foreach (var policy in new IBanditPolicy[]
        {
            new SquareCb(new SquareCbOptions()), new NeuSquareCb(new NeuralCbOptions { Hidden = 8, Perturbation = 0 }),
            new NeuFastCb(new NeuralCbOptions { Hidden = 8, Perturbation = 0 }),
        })
        {
            policy.Reset(setup);
            policy.Update(0, 1, 1, x);
            policy.Update(1, 0, 0, x);
            var counts = new int[3];
            var reported = new double[3];
            const int draws = 20_000;
            for (var i = 0; i < draws; i++)
            {
                var arm = policy.Select(2, x, out var propensity);
                counts[arm]++;
                reported[arm] = propensity;
            }

            Assert.Equal(1, reported.Where((_, a) => counts[a] > 0).Sum(), 6);
            for (var a = 0; a < 3; a++)
            {
                Assert.InRange(counts[a] / (double)draws, reported[a] - 0.015, reported[a] + 0.015);
            }
        }
    }

    [Fact]
    public void Contextual_policies_are_deterministic_given_the_seed_and_learn_a_linear_problem()
    {
        // Contexts here have norm about 1 (unlike standardized data sets), so the networks take larger steps.
        foreach (var make in new Func<IBanditPolicy>[]
        {
            () => new LinearThompson(new LinearThompsonOptions()), () => new SquareCb(new SquareCbOptions()),
            () => new NeuSquareCb(new NeuralCbOptions { Hidden = 32, LearningRate = 0.1 }), () => new NeuFastCb(new NeuralCbOptions { Hidden = 32, LearningRate = 0.1 }),
            () => new NeuralUcb(new NeuralUcbOptions { Hidden = 32, LearningRate = 0.1 }),
        })
        {
            BanditTotals Run(int repetition)
            {
                var env = new BoundedLinearArms();
                var policy = make();
                var setup = new BanditSetup(4, 4, 1500, 8, repetition);
                env.Reset(setup);
                policy.Reset(setup);
                var totals = new BanditTotals(4);
                BanditSteps.Run(env, policy, 0, 1500, totals);
                return totals;
            }

            var first = Run(0);
            Assert.Equal(first.Pulls, Run(0).Pulls);
            Assert.Equal(first.Reward, Run(0).Reward);

            // A uniformly random policy loses E[max_a mu_a(x) - mean_a mu_a(x)] per step; learning must beat it by far.
            var uniform = UniformRegret(1500);
            Assert.True(first.PseudoRegret < 0.5 * uniform, $"{make().GetType().Name}: pseudo-regret {first.PseudoRegret:F1}, uniform play {uniform:F1}");
        }
    }

    [Fact]
    public void Neufastcb_rejects_rewards_outside_the_unit_interval_with_a_clear_message()
    {
        var policy = new NeuFastCb(new NeuralCbOptions { Hidden = 4 });
        policy.Reset(new BanditSetup(2, 1, 10, 0, 0));
        var error = Assert.Throws<ArgumentException>(() => policy.Update(3, 0, 1.5, [1f]));
        Assert.Contains("[0, 1]", error.Message);
        Assert.Contains("neusquarecb", error.Message);
    }

    private static double UniformRegret(long steps)
    {
        var env = new BoundedLinearArms();
        env.Reset(new BanditSetup(4, 4, steps, 8, 0));
        double total = 0;
        for (var t = 0; t < steps; t++)
        {
            total += env.BestExpectedReward(t) - Enumerable.Range(0, 4).Average(a => env.ExpectedReward(t, a));
        }

        return total;
    }

    /// <summary>The linear contextual problem mapped into [0, 1] (KL-loss policies need bounded rewards): mean 0.5 + 0.5 theta . x / 3, clipped, Bernoulli rewards.</summary>
    private sealed class BoundedLinearArms : IBanditEnvironment
    {
        private readonly LinearContextualArms _linear = new(new LinearContextualOptions { Arms = 4, Dimension = 4, Noise = 0 });
        private ulong _key;

        public int Arms => 4;

        public int ContextDimension => 4;

        public void Reset(BanditSetup setup)
        {
            _linear.Reset(setup);
            _key = Contracts.Randomness.RandomStreams.DeriveSeed(setup.Seed, "test.bounded", setup.Repetition);
        }

        public void Context(long step, Span<float> context) => _linear.Context(step, context);

        public double Reward(long step, int arm) => Contracts.Randomness.CounterRandom.Uniform(_key, step, arm) < ExpectedReward(step, arm) ? 1 : 0;

        public double ExpectedReward(long step, int arm) => Math.Clamp(0.5 + _linear.ExpectedReward(step, arm) / 6, 0, 1);

        public double BestExpectedReward(long step) => Enumerable.Range(0, 4).Max(a => ExpectedReward(step, a));
    }
}
