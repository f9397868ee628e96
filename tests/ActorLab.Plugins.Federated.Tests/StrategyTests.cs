using ActorLab.Contracts.Federated;
using ActorLab.Plugins.Federated.Strategies;
using Xunit;

namespace ActorLab.Plugins.Federated.Tests;

/// <summary>Each server rule against its formula, computed by hand on tiny vectors.</summary>
public sealed class StrategyTests
{
    private static ClientUpdate U(int id, long n, params float[] w) => new(id, w, n, 0);

    private static AggregationContext Round(int round, int total = 10, int sampled = 2) => new(round, 0) { TotalClients = total, SampledClients = sampled };

    [Fact]
    public void Fedavgm_without_momentum_and_with_unit_rate_is_fedavg()
    {
        var strategy = new FedAvgM(new FedAvgMOptions { ServerMomentum = 0, ServerLearningRate = 1 });
        var result = strategy.Aggregate(Round(1), [0f, 0f], [U(0, 1, 1, 10), U(1, 3, 5, 20)]);
        Assert.Equal([4f, 17.5f], result);
    }

    [Fact]
    public void Fedavgm_accumulates_velocity()
    {
        // d1 = w - avg = 0 - 2 = -2; v1 = -2; w1 = 0 - 0.5 * -2 = 1.
        // d2 = 1 - 2 = -1; v2 = 0.9 * -2 - 1 = -2.8; w2 = 1 + 0.5 * 2.8 = 2.4.
        var strategy = new FedAvgM(new FedAvgMOptions { ServerMomentum = 0.9, ServerLearningRate = 0.5 });
        var w1 = strategy.Aggregate(Round(1), [0f], [U(0, 1, 2)]);
        Assert.Equal(1f, w1[0], 6);
        var w2 = strategy.Aggregate(Round(2), w1, [U(0, 1, 2)]);
        Assert.Equal(2.4f, w2[0], 5);
    }

    [Theory]
    [InlineData(AdaptiveRule.Adagrad)]
    [InlineData(AdaptiveRule.Adam)]
    [InlineData(AdaptiveRule.Yogi)]
    public void Adaptive_server_optimizers_follow_reddi_et_al(AdaptiveRule rule)
    {
        var o = new AdaptiveServerOptions { Eta = 0.1, Beta1 = 0.9, Beta2 = 0.99, Tau = 1e-3 };
        var strategy = new AdaptiveServerOptimizer(rule, o);
        double w = 0, m = 0, v = 0;
        float[] current = [0f];
        foreach (var target in new[] { 1.0, 3.0, -2.0 })
        {
            var d = target - w;
            m = o.Beta1 * m + (1 - o.Beta1) * d;
            v = rule switch
            {
                AdaptiveRule.Adagrad => v + d * d,
                AdaptiveRule.Adam => o.Beta2 * v + (1 - o.Beta2) * d * d,
                _ => v - (1 - o.Beta2) * d * d * Math.Sign(v - d * d),
            };
            w += o.Eta * m / (Math.Sqrt(v) + o.Tau);
            current = strategy.Aggregate(Round(1), current, [U(0, 1, (float)target)]);
            Assert.Equal(w, current[0], 5);
        }
    }

    [Fact]
    public void Qfedavg_follows_the_q_ffl_update()
    {
        // One coordinate, lr 0.5 (L = 2), q = 1. Client A: F = 2, w_A = 0 -> dw = 2 * (1 - 0) = 2;
        // client B: F = 0.5, w_B = 2 -> dw = 2 * (1 - 2) = -2.
        // delta = 2 * 2 + 0.5 * -2 = 3; h = (1 * 1 * 4 + 2 * 2) + (1 * 1 * 4 + 2 * 0.5) = 8 + 5 = 13; w = 1 - 3 / 13.
        var strategy = new QFedAvg(new QFedAvgOptions { Q = 1, LearningRate = 0.5 });
        var result = strategy.Aggregate(Round(1), [1f],
        [
            new ClientUpdate(0, [0f], 1, 0) { InitialLoss = 2 },
            new ClientUpdate(1, [2f], 1, 0) { InitialLoss = 0.5 },
        ]);
        Assert.Equal(1 - 3.0 / 13, result[0], 6);
    }

    [Fact]
    public void Qfedavg_with_larger_q_weights_high_loss_clients_more()
    {
        ClientUpdate[] updates = [new(0, [0f], 1, 0) { InitialLoss = 4 }, new(1, [2f], 1, 0) { InitialLoss = 0.25 }];
        var low = new QFedAvg(new QFedAvgOptions { Q = 0 }).Aggregate(Round(1), [1f], updates)[0];
        var high = new QFedAvg(new QFedAvgOptions { Q = 2 }).Aggregate(Round(1), [1f], updates)[0];
        Assert.True(high < low, $"q = 2 moves further towards the high-loss client's model (0): {high} vs {low}");
    }

    [Fact]
    public void Median_ignores_an_outlier()
    {
        var result = new Median().Aggregate(Round(1), [0f, 0f],
            [U(0, 1, 1, 5), U(1, 1, 2, 6), U(2, 1, 3, 7), U(3, 1000, 1e6f, -1e6f)]);
        Assert.Equal([2.5f, 5.5f], result);
    }

    [Fact]
    public void Trimmed_mean_drops_beta_n_from_each_end()
    {
        var result = new TrimmedMean(new TrimmedMeanOptions { Beta = 0.25 }).Aggregate(Round(1), [0f],
            [U(0, 1, -100), U(1, 1, 1), U(2, 1, 3), U(3, 1, 100)]);
        Assert.Equal([2f], result);
    }

    private static List<ClientUpdate> HonestPlusAttacker() =>
    [
        U(0, 10, 1.0f, 1.0f),
        U(1, 10, 1.1f, 0.9f),
        U(2, 10, 0.9f, 1.1f),
        U(3, 10, 1.05f, 1.0f),
        U(4, 10, 0.95f, 1.0f),
        U(5, 10, 1.0f, 0.95f),
        U(6, 10, -50f, 80f),
    ];

    [Fact]
    public void Krum_picks_an_honest_update()
    {
        var updates = HonestPlusAttacker();
        var result = new Krum(new KrumOptions { Byzantine = 1 }, multi: false).Aggregate(Round(1), [0f, 0f], updates);
        Assert.Contains(updates.Take(6), u => u.Parameters.SequenceEqual(result));
    }

    [Fact]
    public void Multi_krum_averages_the_best_scored_updates()
    {
        var updates = HonestPlusAttacker();
        var result = new Krum(new KrumOptions { Byzantine = 1 }, multi: true).Aggregate(Round(1), [0f, 0f], updates);
        var honestMean = ParameterMath.WeightedMean(updates.Take(6).ToList(), 2);
        Assert.Equal(honestMean[0], result[0], 5);
        Assert.Equal(honestMean[1], result[1], 5);
    }

    [Fact]
    public void Bulyan_excludes_the_attacker_and_needs_4f_plus_3_updates()
    {
        var updates = HonestPlusAttacker();
        var result = new Bulyan(new BulyanOptions { Byzantine = 1 }).Aggregate(Round(1), [0f, 0f], updates);
        Assert.InRange(result[0], 0.9f, 1.1f);
        Assert.InRange(result[1], 0.9f, 1.1f);
        var ex = Assert.Throws<ArgumentException>(() => new Bulyan(new BulyanOptions { Byzantine = 2 }).Aggregate(Round(1), [0f, 0f], updates));
        Assert.Contains("needs at least 4f + 3 = 11 updates", ex.Message);
    }

    [Fact]
    public void Scaffold_server_moves_x_by_the_mean_and_c_by_the_sampled_share_of_the_mean_delta()
    {
        var strategy = new Scaffold(new ScaffoldOptions { ServerLearningRate = 1 });
        Assert.Null(strategy.ServerExtras(1));
        var updates = new[]
        {
            new ClientUpdate(0, [2f], 1, 0) { Extras = [0.4f] },
            new ClientUpdate(1, [4f], 99, 0) { Extras = [0.8f] },
        };
        var x = strategy.Aggregate(Round(1, total: 10, sampled: 2), [0f], updates);
        Assert.Equal(3f, x[0]); // unweighted mean, as in the paper
        Assert.Equal(0.2 * 0.6, strategy.ServerExtras(2)![0], 6); // c = 0 + (2 / 10) * mean(0.4, 0.8)
    }
}
