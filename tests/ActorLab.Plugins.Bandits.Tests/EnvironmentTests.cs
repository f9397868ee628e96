using ActorLab.Contracts.Bandits;
using ActorLab.Host.Bandits;
using ActorLab.Contracts.Data;
using ActorLab.Plugins.Bandits.Environments;
using Xunit;

namespace ActorLab.Plugins.Bandits.Tests;

public sealed class EnvironmentTests
{
    private static readonly Dataset Tiny = new("tiny", 2, 3,
        TrainFeatures: [3f, 4f, 0f, 2f, 1f, 1f], TrainLabels: [0, 1, 2],
        TestFeatures: [6f, 8f], TestLabels: [1]);

    [Fact]
    public void Classification_rewards_the_label_arm_only_and_scales_contexts()
    {
        var env = new ClassificationArms(new ClassificationArmsOptions());
        env.UseDataset(Tiny);
        Assert.Equal(3, env.Arms);
        Assert.Equal(2, env.ContextDimension);
        env.Reset(new BanditSetup(3, 2, 100, 1, 0));
        var seen = new HashSet<(float, float)>();
        Span<float> x = stackalloc float[2];
        for (var step = 0; step < 200; step++)
        {
            env.Context(step, x);
            Assert.Equal(1, Math.Sqrt(x[0] * x[0] + x[1] * x[1]), 5); // unit norm
            seen.Add((x[0], x[1]));
            var label = env.LabelAt(step);
            for (var arm = 0; arm < 3; arm++)
            {
                Assert.Equal(arm == label ? 1 : 0, env.Reward(step, arm));
            }

            Assert.Equal(1, env.BestExpectedReward(step));
        }

        // Rows (3, 4) and (6, 8) share a direction: three distinct unit contexts, test rows included.
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void Classification_standardizes_features_over_the_pooled_rows()
    {
        var env = new ClassificationArms(new ClassificationArmsOptions { Scaling = "standardize" });
        env.UseDataset(Tiny);
        env.Reset(new BanditSetup(3, 2, 100, 1, 0));
        var rows = new Dictionary<int, float[]>();
        Span<float> x = stackalloc float[2];
        for (var step = 0; rows.Count < 4 && step < 1000; step++)
        {
            env.Context(step, x);
            rows[(int)Math.Round(x[0] * 1000)] = x.ToArray();
        }

        Assert.Equal(4, rows.Count);
        Assert.Equal(0, rows.Values.Average(r => r[0]), 5);
        Assert.Equal(1, rows.Values.Average(r => r[0] * r[0]), 4);
        Assert.Throws<ArgumentException>(() => new ClassificationArms(new ClassificationArmsOptions { Scaling = "minmax" }).UseDataset(Tiny));
    }

    [Fact]
    public void Classification_without_a_data_set_says_how_to_add_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ClassificationArms(new ClassificationArmsOptions()).Arms);
        Assert.Contains("\"dataset\"", error.Message);
    }

    [Fact]
    public void Abrupt_means_hold_within_a_period_and_change_at_its_end()
    {
        var env = new AbruptlyChangingArms(new AbruptlyChangingOptions { Arms = 4, Period = 100 });
        env.Reset(new BanditSetup(4, 0, 1000, 2, 0));
        for (var arm = 0; arm < 4; arm++)
        {
            Assert.Equal(env.ExpectedReward(0, arm), env.ExpectedReward(99, arm));
        }

        Assert.NotEqual(Enumerable.Range(0, 4).Select(a => env.ExpectedReward(99, a)), Enumerable.Range(0, 4).Select(a => env.ExpectedReward(100, a)));
        Assert.Equal(Enumerable.Range(0, 4).Max(a => env.ExpectedReward(150, a)), env.BestExpectedReward(150));
        var mean = Enumerable.Range(200, 100).Average(s => env.Reward(s, 1));
        Assert.InRange(mean, env.ExpectedReward(200, 1) - 0.2, env.ExpectedReward(200, 1) + 0.2);
    }

    [Fact]
    public void Drifting_means_stay_in_range_and_the_best_arm_changes_over_a_period()
    {
        var env = new DriftingArms(new DriftingOptions { Arms = 3, Period = 1000, Amplitude = 0.4 });
        env.Reset(new BanditSetup(3, 0, 1000, 2, 0));
        var best = new HashSet<int>();
        for (var step = 0; step < 1000; step += 10)
        {
            var means = Enumerable.Range(0, 3).Select(a => env.ExpectedReward(step, a)).ToArray();
            Assert.All(means, m => Assert.InRange(m, 0.1, 0.9));
            Assert.Equal(means.Max(), env.BestExpectedReward(step));
            best.Add(Array.IndexOf(means, means.Max()));
        }

        Assert.True(best.Count >= 2);
        Assert.Equal(env.ExpectedReward(5, 0), env.ExpectedReward(1005, 0), 12); // periodic
    }

    [Fact]
    public void Ucb1_pays_for_an_abrupt_change_that_a_stationary_analysis_ignores()
    {
        // Dynamic pseudo-regret after many change points grows linearly for UCB1, unlike on a stationary problem.
        var env = new AbruptlyChangingArms(new AbruptlyChangingOptions { Arms = 5, Period = 5_000 });
        var policy = new Policies.Ucb1();
        var setup = new BanditSetup(5, 0, 50_000, 3, 0);
        env.Reset(setup);
        policy.Reset(setup);
        var totals = new BanditTotals(5);
        BanditSteps.Run(env, policy, 0, 10_000, totals);
        var early = totals.PseudoRegret;
        BanditSteps.Run(env, policy, 10_000, 40_000, totals);
        Assert.True(totals.PseudoRegret - early > 2 * early, $"regret {early:F0} over the first 10k steps, {totals.PseudoRegret - early:F0} over the next 40k");
    }
}
