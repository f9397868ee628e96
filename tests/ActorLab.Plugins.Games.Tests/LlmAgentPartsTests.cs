using ActorLab.Contracts.Games;
using ActorLab.Plugins.Games.Agents.Llm;
using ActorLab.Plugins.Games.Games;
using Xunit;

namespace ActorLab.Plugins.Games.Tests;

public sealed class LlmAgentPartsTests
{
    [Theory]
    [InlineData("{\"probabilities\": [0.25, 0.25, 0.5]}", null)]
    [InlineData("```json\n{\"probabilities\": [0.25, 0.25, 0.5]}\n```", null)]
    [InlineData("{\"probabilities\": [0.5, 0.5]}", "exactly 3 numbers")]
    [InlineData("{\"probabilities\": [0.5, 0.7, -0.2]}", "probability 3 must be a non-negative number")]
    [InlineData("{\"probabilities\": [0.5, 0.7, 0.2]}", "sum to 1")]
    [InlineData("{\"probs\": [0.5, 0.3, 0.2]}", "\"probabilities\" array")]
    [InlineData("rock", "not valid JSON")]
    [InlineData("{\"probabilities\": [\"a\", 0.5, 0.5]}", "probability 1")]
    public void Replies_are_parsed_strictly(string reply, string? error)
    {
        var (probabilities, message) = LlmReplyParser.Parse(reply, 3);
        if (error is null)
        {
            Assert.Equal([0.25, 0.25, 0.5], probabilities!);
        }
        else
        {
            Assert.Null(probabilities);
            Assert.Contains(error, message);
        }
    }

    [Fact]
    public void The_prompt_shows_the_loss_table_the_recent_rounds_and_a_summary_of_older_ones()
    {
        var setup = new AgentSetup(1, 2, Feedback.Full, new GameSetup(1, 0, 10), new MatchingPennies());
        var prompt = new LlmPrompt(setup, window: 2);
        var system = prompt.System();
        Assert.Contains("player 2 of a 2-player game", system);
        Assert.Contains("action 1: 1 0", system); // the column player loses when the coins match
        Assert.Contains("{\"probabilities\": [p1, ..., p2]}", system);
        prompt.Record([1, 0], [0.2, 0.8]);
        prompt.Record([0.5, 0.5], [0.4, 0.6]);
        prompt.Record([0, 1], [1, 0]);
        var user = prompt.User(3);
        Assert.Contains("Round 4 of 10", user);
        Assert.Contains("Total loss of each action over rounds 1 to 1: [0.2, 0.8]", user);
        Assert.Contains("Round 2: you played [0.5, 0.5]; losses [0.4, 0.6]", user);
        Assert.Contains("Round 3: you played [0, 1]; losses [1, 0]", user);
    }
}
