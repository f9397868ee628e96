using ActorLab.Contracts.Games;
using ActorLab.Plugins.Games.Agents;
using ActorLab.Plugins.Games.Games;
using Xunit;

namespace ActorLab.Plugins.Games.Tests;

public sealed class AgentTests
{
    private static AgentSetup Setup(int actions, Feedback feedback = Feedback.Full, long rounds = 100) =>
        new(0, actions, feedback, new GameSetup(1, 0, rounds), null);

    [Fact]
    public void Hedge_plays_exponential_weights_of_cumulative_losses()
    {
        var hedge = new Hedge(new HedgeOptions { LearningRate = 0.5 });
        hedge.Reset(Setup(3));
        hedge.Observe(0, [1, 0, 0.5]);
        hedge.Observe(1, [1, 0, 0.5]);
        var p = new double[3];
        hedge.Strategy(2, p);
        var w = new[] { Math.Exp(-0.5 * 2), 1, Math.Exp(-0.5 * 1) };
        for (var a = 0; a < 3; a++)
        {
            Assert.Equal(w[a] / w.Sum(), p[a], 12);
        }
    }

    [Fact]
    public void Regret_matching_plays_positive_regrets_and_plus_forgets_negative_ones()
    {
        foreach (var plus in new[] { false, true })
        {
            var rm = new RegretMatching(new RegretMatchingOptions { Plus = plus });
            rm.Reset(Setup(2));
            var p = new double[2];
            rm.Strategy(0, p);
            Assert.Equal([0.5, 0.5], p);
            rm.Observe(0, [1, 0]); // regrets: 0.5 - 1 = -0.5, 0.5 - 0 = 0.5
            rm.Strategy(1, p);
            Assert.Equal([0, 1], p);
            rm.Observe(1, [0, 1]); // expected 1: regrets += 1, 0 -> -0.5 + 1, 0.5 (or 0 + 1, 0.5 with RM+)
            rm.Strategy(2, p);
            Assert.Equal(plus ? [1 / 1.5, 0.5 / 1.5] : [0.5, 0.5], p);
        }
    }

    [Fact]
    public void Under_bandit_feedback_agents_learn_from_importance_weighted_losses()
    {
        var hedge = new Hedge(new HedgeOptions { LearningRate = 1 });
        hedge.Reset(Setup(2, Feedback.Bandit));
        hedge.ObserveBandit(0, 1, 0.5, 0.25); // estimate (0, 2)
        var p = new double[2];
        hedge.Strategy(1, p);
        Assert.Equal(1 / (1 + Math.Exp(-2)), p[0], 12);
    }

    [Fact]
    public void Fictitious_play_best_responds_to_the_opponents_empirical_frequencies()
    {
        var game = new RockPaperScissors();
        var fp = new FictitiousPlay();
        fp.Reset(new AgentSetup(0, 3, Feedback.Full, new GameSetup(1, 0, 10), game));
        fp.ObserveOthers(0, [0]); // rock
        fp.ObserveOthers(1, [0]);
        fp.ObserveOthers(2, [0]);
        fp.ObserveOthers(3, [2]); // scissors: rock's expected loss 3/4 x 1/2, paper's 1/4 x 1
        var p = new double[3];
        fp.Strategy(4, p);
        Assert.Equal([0, 1, 0], p); // paper beats the mostly-rock opponent
    }
}
