using ActorLab.Contracts.Games;
using ActorLab.Host.Games;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Games;

/// <summary>The host's round loop (<see cref="RoundPlay"/>) with the games plugin's agents and sequences, and with a broken agent.</summary>
public sealed class RoundPlayTests
{
    [Fact]
    public void The_adversarial_sequence_makes_follow_the_leader_lose_every_round()
    {
        var sequence = RepoCatalog.Create<ILossSequence>("adversarial", """{ "actions": 3 }""");
        var agent = RepoCatalog.Create<IGameAgent>("fictitious-play");
        var play = new RoundPlay(sequence, agent, Feedback.Full, new GameSetup(1, 0, 300));
        for (long t = 0; t < 300; t++)
        {
            play.Act(t);
            play.LearnFromSequence(t);
        }

        Assert.Equal(300, play.Tracker.ExpectedLoss, 9);
        Assert.InRange(play.Tracker.ExternalRegret, 300 - 100 - 1, 300 - 99); // the best fixed action lost about T / K
    }

    [Fact]
    public void A_strategy_that_is_not_a_distribution_is_rejected_with_the_round()
    {
        var play = new RoundPlay(new ZeroLosses(), new BadAgent(), Feedback.Full, new GameSetup(1, 0, 10));
        var error = Assert.Throws<InvalidOperationException>(() => play.Act(7));
        Assert.Contains("round 7", error.Message);
    }

    private sealed class ZeroLosses : ILossSequence
    {
        public int Actions => 2;

        public void Reset(GameSetup setup)
        {
        }

        public void Losses(long round, ReadOnlySpan<double> strategy, Span<double> losses) => losses.Clear();
    }

    private sealed class BadAgent : IGameAgent
    {
        public void Reset(AgentSetup setup)
        {
        }

        public void Strategy(long round, Span<double> strategy) => strategy.Fill(0.7);

        public void Observe(long round, ReadOnlySpan<double> losses)
        {
        }

        public void ObserveBandit(long round, int action, double loss, double probability)
        {
        }
    }
}
