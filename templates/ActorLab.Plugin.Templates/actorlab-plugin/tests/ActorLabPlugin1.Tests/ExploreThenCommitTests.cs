using ActorLab.Contracts.Bandits;
using Xunit;

namespace ActorLabPlugin1.Tests;

public sealed class ExploreThenCommitTests
{
    [Fact]
    public void Explores_in_turn_then_commits_to_the_best_mean()
    {
        // Three arms, two pulls each: steps 0-5 play 0, 1, 2, 0, 1, 2; arm 1 has the best mean (0.9), so every later step plays it.
        var policy = new ExploreThenCommit(new ExploreThenCommitOptions { PullsPerArm = 2 });
        policy.Reset(new BanditSetup(Arms: 3, ContextDimension: 0, Horizon: 10, Seed: 1, Repetition: 0));
        double[] means = [0.2, 0.9, 0.5];
        var played = new List<int>();
        for (long step = 0; step < 10; step++)
        {
            var arm = policy.Select(step, [], out var propensity);
            Assert.Equal(1.0, propensity);
            played.Add(arm);
            policy.Update(step, arm, means[arm], []);
        }

        Assert.Equal(new[] { 0, 1, 2, 0, 1, 2, 1, 1, 1, 1 }, played);
    }
}
