using ActorLab.Contracts.Bandits;
using ActorLab.Host.Bandits;
using ActorLab.Plugins.Bandits.Environments;
using ActorLab.Plugins.Bandits.Policies;
using Xunit;

namespace ActorLab.Plugins.Bandits.Tests;

public sealed class PolicyTests
{
    private static readonly BanditSetup Setup = new(4, 0, 1000, Seed: 1, Repetition: 0);

    [Fact]
    public void Epsilon_greedy_reports_exact_propensities()
    {
        var policy = new EpsilonGreedy(new EpsilonGreedyOptions { Epsilon = 0.2 });
        policy.Reset(Setup);
        policy.Update(0, 2, 1.0, []);
        for (var step = 1; step < 200; step++)
        {
            var arm = policy.Select(step, [], out var propensity);
            Assert.Equal(arm == 2 ? 0.8 + 0.05 : 0.05, propensity, 12);
        }
    }

    [Fact]
    public void Exp3_and_softmax_propensities_are_probabilities_that_match_their_frequencies()
    {
        foreach (IBanditPolicy policy in new IBanditPolicy[] { new Exp3(new Exp3Options { Gamma = 0.3 }), new Softmax(new SoftmaxOptions { Temperature = 0.5 }) })
        {
            policy.Reset(Setup);
            policy.Update(0, 1, 1.0, []); // arm 1 looks better, but nothing changes from here on
            policy.Update(1, 1, 1.0, []);
            var counts = new int[4];
            double propensityOfArm1 = 0;
            const int draws = 20_000;
            for (var i = 0; i < draws; i++)
            {
                var arm = policy.Select(2, [], out var propensity);
                counts[arm]++;
                if (arm == 1)
                {
                    propensityOfArm1 = propensity;
                }
            }

            Assert.InRange(counts[1] / (double)draws, propensityOfArm1 - 0.015, propensityOfArm1 + 0.015);
        }
    }

    [Fact]
    public void Kl_upper_bound_solves_n_kl_equals_the_level()
    {
        var q = KlUcb.UpperBound(0.3, 0.2);
        Assert.Equal(0.2, KlUcb.Kl(0.3, q), 4);
        Assert.True(q > 0.3 && q < 1);
        Assert.Equal(1.0, KlUcb.UpperBound(0.5, 100), 5);
    }

    [Fact]
    public void Every_policy_is_deterministic_given_the_seed_and_repetition()
    {
        foreach (var make in new Func<IBanditPolicy>[]
        {
            () => new EpsilonGreedy(new EpsilonGreedyOptions()), () => new Ucb1(), () => new KlUcb(new KlUcbOptions()),
            () => new ThompsonSampling(new ThompsonOptions()), () => new ThompsonSampling(new ThompsonOptions { Model = "gaussian" }),
            () => new Exp3(new Exp3Options()), () => new Softmax(new SoftmaxOptions()),
        })
        {
            BanditTotals Run(int repetition)
            {
                var env = new BernoulliArms(new BernoulliArmsOptions { Arms = 5 });
                var policy = make();
                var setup = new BanditSetup(5, 0, 2000, 3, repetition);
                env.Reset(setup);
                policy.Reset(setup);
                var totals = new BanditTotals(5);
                BanditSteps.Run(env, policy, 0, 2000, totals);
                return totals;
            }

            Assert.Equal(Run(0).Pulls, Run(0).Pulls);
            Assert.Equal(Run(0).Reward, Run(0).Reward);
            Assert.NotEqual(Run(0).Pulls, Run(1).Pulls);
        }
    }

    [Fact]
    public void Environments_give_every_policy_the_same_reward_for_the_same_step_and_arm()
    {
        var a = new BernoulliArms(new BernoulliArmsOptions { Arms = 3 });
        var b = new BernoulliArms(new BernoulliArmsOptions { Arms = 3 });
        var setup = new BanditSetup(3, 0, 100, 9, 4);
        a.Reset(setup);
        b.Reset(setup);
        for (var step = 0; step < 100; step++)
        {
            for (var arm = 0; arm < 3; arm++)
            {
                Assert.Equal(a.Reward(step, arm), b.Reward(step, arm));
            }
        }

        var mean = Enumerable.Range(0, 200_000).Average(s => a.Reward(s, 1));
        Assert.Equal(a.Means[1], mean, 2);
    }
}
