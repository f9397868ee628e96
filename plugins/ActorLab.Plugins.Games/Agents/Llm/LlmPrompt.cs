using System.Globalization;
using System.Text;
using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Agents.Llm;

/// <summary>
/// The prompt of the LLM agent, in the spirit of Park et al. (ICLR 2025): the task (repeated game or online
/// learning), the agent's actions, for games its loss table, the history of the last rounds in full and a summary
/// (cumulative losses) of the earlier ones, and the required reply shape.
/// </summary>
public sealed class LlmPrompt(AgentSetup setup, int window)
{
    private readonly List<(double[] Losses, double[] Strategy)> _recent = [];
    private readonly double[] _cumulative = new double[setup.Actions];
    private long _summarised;

    /// <summary>The system message: the task and the reply format.</summary>
    public string System()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"You are playing a repeated decision task for {setup.Game.Rounds} rounds. ");
        text.Append(CultureInfo.InvariantCulture, $"Each round you choose a probability distribution over {setup.Actions} actions (numbered 1 to {setup.Actions}); ");
        text.Append("an action is then drawn from it and every action receives a loss in [0, 1]. Your goal is to minimise your total expected loss. ");
        if (setup.Payoffs is { } game)
        {
            text.Append(CultureInfo.InvariantCulture, $"You are player {setup.Player + 1} of a {game.Players}-player game; your loss for each of your actions (rows) against the other players' joint actions (columns) is:\n");
            var others = GameMath.JointSize(game) / game.Actions[setup.Player];
            var joint = new int[game.Players];
            for (var a = 0; a < setup.Actions; a++)
            {
                text.Append(CultureInfo.InvariantCulture, $"action {a + 1}:");
                for (var o = 0; o < others; o++)
                {
                    var rest = o;
                    for (var i = game.Players - 1; i >= 0; i--)
                    {
                        if (i == setup.Player)
                        {
                            joint[i] = a;
                            continue;
                        }

                        joint[i] = rest % game.Actions[i];
                        rest /= game.Actions[i];
                    }

                    text.Append(CultureInfo.InvariantCulture, $" {game.Loss(setup.Player, GameMath.Joint(game, joint)):0.###}");
                }

                text.Append('\n');
            }
        }

        text.Append(CultureInfo.InvariantCulture,
            $"Reply with only a JSON object of the form {{\"probabilities\": [p1, ..., p{setup.Actions}]}}: {setup.Actions} non-negative numbers that sum to 1, no other text.");
        return text.ToString();
    }

    /// <summary>The user message for <paramref name="round"/>.</summary>
    public string User(long round)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Round {round + 1} of {setup.Game.Rounds}.\n");
        if (_summarised > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Total loss of each action over rounds 1 to {_summarised}: {Format(_cumulative)}.\n");
        }

        var first = round - _recent.Count;
        for (var i = 0; i < _recent.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Round {first + i + 1}: you played {Format(_recent[i].Strategy)}; losses {Format(_recent[i].Losses)}.\n");
        }

        if (round == 0)
        {
            text.Append("No history yet.\n");
        }

        text.Append("Your distribution for this round:");
        return text.ToString();
    }

    /// <summary>Adds a finished round to the history.</summary>
    public void Record(ReadOnlySpan<double> strategy, ReadOnlySpan<double> losses)
    {
        _recent.Add((losses.ToArray(), strategy.ToArray()));
        if (_recent.Count > Math.Max(0, window))
        {
            var oldest = _recent[0];
            _recent.RemoveAt(0);
            for (var a = 0; a < _cumulative.Length; a++)
            {
                _cumulative[a] += oldest.Losses[a];
            }

            _summarised++;
        }
    }

    private static string Format(double[] values) => "[" + string.Join(", ", values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))) + "]";
}
