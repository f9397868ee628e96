using ActorLab.Contracts.Games;
using Xunit;

namespace ActorLabPlugin1.Tests;

public sealed class HedgeTests
{
    [Fact]
    public void Plays_exponential_weights_of_the_cumulative_losses()
    {
        // After losses [1, 0] and [0.5, 1]: L = [1.5, 1], p_i = exp(-eta L_i) / sum_j exp(-eta L_j).
        const double eta = 0.4;
        var agent = new Hedge(new HedgeOptions { LearningRate = eta });
        agent.Reset(new AgentSetup(0, 2, Feedback.Full, new GameSetup(Seed: 1, Repetition: 0, Rounds: 10), null));
        var strategy = new double[2];
        agent.Strategy(0, strategy);
        Assert.Equal(new[] { 0.5, 0.5 }, strategy);

        agent.Observe(0, [1.0, 0.0]);
        agent.Observe(1, [0.5, 1.0]);
        agent.Strategy(2, strategy);

        var z = Math.Exp(-eta * 1.5) + Math.Exp(-eta * 1.0);
        Assert.Equal(Math.Exp(-eta * 1.5) / z, strategy[0], 12);
        Assert.Equal(Math.Exp(-eta * 1.0) / z, strategy[1], 12);
    }
}
