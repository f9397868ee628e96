using ActorLab.Contracts.Experiments;
using ActorLab.Plugins.Losses.Studies;
using Xunit;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>
/// Issue 6's DPO reproduction (the <c>dpo-tabular</c> experiment, full size): DPO's implicit reward, centred per context,
/// regresses on the centred true reward with slope near 1; with 30 % of labels flipped DPO's slope shrinks and robust DPO
/// (told the flip rate) recovers it. Measured over seeds 1-5 (scenarios/repro/README.md): clean 0.97-1.01, DPO with flips
/// 0.28-0.31, rDPO 1.02-1.53. rDPO overshoots on some seeds because its loss is unbounded below for a pair whose
/// empirical preference share passes 1 - epsilon (seed 1 reaches 2.46 after 1,000 steps), so "recovers" is asserted
/// as "closer to 1 than DPO", not as a band around 1.
/// </summary>
public sealed class DpoTabularReproductionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Dpo_recovers_the_reward_with_slope_near_1_and_robust_dpo_undoes_30_percent_flipped_labels(int seed)
    {
        var slopes = new DpoTabular(new DpoTabularOptions()).Run(new ExperimentContext(seed, null, CancellationToken.None)).Tables.Single().Rows;
        var (clean, noisyDpo, noisyRobust) = (slopes[0][2], slopes[1][2], slopes[2][2]);
        Assert.InRange(clean, 0.85, 1.15);
        Assert.True(noisyDpo < 0.7, $"DPO on 30% flipped labels: slope {noisyDpo:F3}");
        Assert.True(Math.Abs(noisyRobust - 1) < Math.Abs(noisyDpo - 1), $"clean {clean:F3}, DPO {noisyDpo:F3}, rDPO {noisyRobust:F3}");
    }

    [Fact]
    public void A_flip_rate_of_one_half_is_refused_because_robust_dpo_divides_by_1_minus_2_epsilon()
    {
        var error = Assert.Throws<ArgumentException>(() => new DpoTabular(new DpoTabularOptions { FlipRate = 0.5 }).Run(new ExperimentContext(1, null, CancellationToken.None)));
        Assert.Contains("flipRate", error.Message);
    }
}
