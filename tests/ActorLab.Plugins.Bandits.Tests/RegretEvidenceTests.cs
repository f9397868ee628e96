using ActorLab.Contracts.Bandits;
using ActorLab.Host.Bandits;
using ActorLab.Plugins.Bandits.Environments;
using ActorLab.Plugins.Bandits.Policies;
using Xunit;

namespace ActorLab.Plugins.Bandits.Tests;

/// <summary>The regret claims of issue 4 for multi-armed bandits, at reduced size (a few repetitions).</summary>
public sealed class RegretEvidenceTests
{
    private static readonly double[] TenArms = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0];

    /// <summary>Mean pseudo-regret (or hindsight regret) at each checkpoint over the repetitions.</summary>
    private static double[] Regret(Func<IBanditPolicy> policy, Func<IBanditEnvironment> environment, long[] checkpoints, int repetitions, bool hindsight = false)
    {
        var result = new double[checkpoints.Length];
        for (var r = 0; r < repetitions; r++)
        {
            var env = environment();
            var p = policy();
            var setup = new BanditSetup(env.Arms, env.ContextDimension, checkpoints[^1], Seed: 7, Repetition: r);
            env.Reset(setup);
            p.Reset(setup);
            var totals = new BanditTotals(env.Arms);
            long done = 0;
            for (var c = 0; c < checkpoints.Length; c++)
            {
                BanditSteps.Run(env, p, done, checkpoints[c] - done, totals, hindsight);
                done = checkpoints[c];
                result[c] += (hindsight ? totals.HindsightRegret : totals.PseudoRegret) / repetitions;
            }
        }

        return result;
    }

    private static readonly long[] Checkpoints = [1_000, 10_000, 100_000];

    private static Func<IBanditEnvironment> Bernoulli => () => new BernoulliArms(new BernoulliArmsOptions { Means = TenArms });

    [Fact]
    public void Ucb1_regret_over_log_t_stays_bounded()
    {
        var regret = Regret(() => new Ucb1(), Bernoulli, Checkpoints, repetitions: 4);
        var normalised = regret.Select((r, i) => r / Math.Log(Checkpoints[i])).ToArray();
        Assert.True(normalised[2] < 2.5 * normalised[0], $"regret / ln T: {string.Join(", ", normalised.Select(v => v.ToString("F1")))}");
        Assert.True(regret[2] < 0.05 * Checkpoints[2], $"regret at 1e5: {regret[2]:F0} (linear would be ~{0.45 * Checkpoints[2]:F0})");
    }

    [Fact]
    public void Thompson_sampling_ends_below_ucb1()
    {
        var ucb = Regret(() => new Ucb1(), Bernoulli, Checkpoints, repetitions: 4);
        var thompson = Regret(() => new ThompsonSampling(new ThompsonOptions()), Bernoulli, Checkpoints, repetitions: 4);
        Assert.True(thompson[2] < ucb[2], $"regret at 1e5: thompson {thompson[2]:F0}, ucb1 {ucb[2]:F0}");
    }

    [Fact]
    public void Kl_ucb_ends_below_ucb1()
    {
        var ucb = Regret(() => new Ucb1(), Bernoulli, Checkpoints, repetitions: 2);
        var kl = Regret(() => new KlUcb(new KlUcbOptions()), Bernoulli, Checkpoints, repetitions: 2);
        Assert.True(kl[2] < ucb[2], $"regret at 1e5: kl-ucb {kl[2]:F0}, ucb1 {ucb[2]:F0}");
    }

    [Fact]
    public void Fixed_epsilon_greedy_regret_grows_linearly_and_decaying_does_not()
    {
        var fixedEpsilon = Regret(() => new EpsilonGreedy(new EpsilonGreedyOptions { Epsilon = 0.1 }), Bernoulli, Checkpoints, repetitions: 2);
        Assert.InRange(fixedEpsilon[2] / fixedEpsilon[1], 8, 12); // x10 steps, x10 regret
        Assert.InRange(fixedEpsilon[2] / Checkpoints[2], 0.1 * 0.45 * 0.8, 0.1 * 0.45 * 1.2); // epsilon x mean gap of a uniform arm
        var decaying = Regret(() => new EpsilonGreedy(new EpsilonGreedyOptions { Epsilon = 5, Decaying = true }), Bernoulli, Checkpoints, repetitions: 2);
        Assert.True(decaying[2] / decaying[1] < 3, $"decaying: {decaying[1]:F0} -> {decaying[2]:F0}");
    }

    [Fact]
    public void Exp3_is_sublinear_on_an_adversarial_sequence_where_ucb1_is_linear()
    {
        Func<IBanditEnvironment> adversary = () => new AntiUcb1Adversary(new AntiUcb1Options { Arms = 2 });
        double[] Final(Func<IBanditPolicy> policy) =>
            [.. new long[] { 10_000, 100_000 }.Select(t => Regret(policy, adversary, [t], repetitions: 3, hindsight: true)[0] / t)];
        var ucb = Final(() => new Ucb1());
        var exp3 = Final(() => new Exp3(new Exp3Options()));
        Assert.All(ucb, perStep => Assert.True(perStep > 0.4, $"ucb1 regret per step {perStep:F3}: linear"));
        // Auer et al.'s bound for EXP3 with the horizon-tuned gamma: 2 sqrt(e - 1) sqrt(T K ln K); UCB1 is far above it.
        double Bound(long t) => 2 * Math.Sqrt(Math.E - 1) * Math.Sqrt(t * 2 * Math.Log(2)) / t;
        Assert.True(exp3[0] < Bound(10_000) && exp3[1] < Bound(100_000), $"exp3 regret per step: {exp3[0]:F4} at 1e4 (bound {Bound(10_000):F4}), {exp3[1]:F4} at 1e5 (bound {Bound(100_000):F4})");
        Assert.True(ucb[1] > 10 * Bound(100_000));
    }
}

public sealed class ContextualEvidenceTests
{
    [Fact]
    public void Linucb_beats_epsilon_greedy_on_a_linear_contextual_problem()
    {
        double Regret(Func<IBanditPolicy> make)
        {
            double total = 0;
            for (var r = 0; r < 3; r++)
            {
                var env = new LinearContextualArms(new LinearContextualOptions { Arms = 5, Dimension = 5 });
                var policy = make();
                var setup = new BanditSetup(5, 5, 5000, Seed: 2, Repetition: r);
                env.Reset(setup);
                policy.Reset(setup);
                var totals = new BanditTotals(5);
                BanditSteps.Run(env, policy, 0, 5000, totals);
                total += totals.PseudoRegret / 3;
            }

            return total;
        }

        var linucb = Regret(() => new LinUcb(new LinUcbOptions()));
        var greedy = Regret(() => new EpsilonGreedy(new EpsilonGreedyOptions { Epsilon = 0.1 }));
        Assert.True(linucb < 0.25 * greedy, $"pseudo-regret at 5000: linucb {linucb:F0}, epsilon-greedy {greedy:F0}");
    }

    [Fact]
    public void Linucb_scores_follow_the_ridge_estimate_kept_by_sherman_morrison()
    {
        // lambda = 1, alpha = 0 (score = theta_a . x). Arm 0 sees e1 twice (rewards 1, 2) and e2 once (reward 4):
        // A_0 = diag(3, 2, 1), b_0 = (3, 4, 0), theta_0 = (1, 2, 0). Arm 1 sees e2 with reward 2.1: theta_1 = (0, 1.05, 0).
        var policy = new LinUcb(new LinUcbOptions { Alpha = 0 });
        policy.Reset(new BanditSetup(2, 3, 10, 0, 0));
        policy.Update(0, 0, 1.0, [1f, 0f, 0f]);
        policy.Update(1, 0, 2.0, [1f, 0f, 0f]);
        policy.Update(2, 0, 4.0, [0f, 1f, 0f]);
        policy.Update(3, 1, 2.1, [0f, 1f, 0f]);
        Assert.Equal(0, policy.Select(4, [0f, 1f, 0f], out _)); // 2.0 against 1.05

        // Another reward of 10 on e2 for arm 1: A_1 = diag(1, 3, 1), b_1 = (0, 12.1, 0), theta_1 = (0, 4.03, 0) > 2.
        policy.Update(4, 1, 10, [0f, 1f, 0f]);
        Assert.Equal(1, policy.Select(5, [0f, 1f, 0f], out _));
        Assert.Equal(0, policy.Select(6, [1f, 0f, 0f], out _)); // on e1 arm 0 scores 1, arm 1 scores 0
    }
}
