using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ActorLab.Contracts.Language;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Language.Tasks;

/// <summary>Options of <see cref="CountdownTask"/>.</summary>
public sealed record CountdownOptions
{
    /// <summary>Numbers per problem, each to be used exactly once.</summary>
    [Range(2, 6)]
    public int Numbers { get; init; } = 3;

    /// <summary>Numbers are uniform in [1, maxNumber].</summary>
    [Range(2, 99)]
    public int MaxNumber { get; init; } = 9;

    /// <summary>Targets are in [1, maxTarget].</summary>
    [Range(1, 10_000)]
    public int MaxTarget { get; init; } = 100;

    /// <summary>Reward of a well-formed expression that uses the numbers exactly once but misses the target (TinyZero's format reward).</summary>
    [Range(0.0, 1.0)]
    public double FormatReward { get; init; } = 0.1;
}

/// <summary>
/// <c>countdown</c>: TinyZero's task (Pan et al. 2025, after the Countdown game): given numbers and a target, write an
/// arithmetic expression (+, -, *, /, parentheses) that uses every number exactly once and equals the target, e.g.
/// "3,5,7&gt;22:" answered "3*5+7". Every problem is built from a solvable expression (a random order of the numbers
/// folded with random operators, division only when exact), which is its reference answer; the verifier accepts any
/// correct expression. Reward 1 for a correct one, <c>formatReward</c> for a well-formed expression over exactly the
/// given numbers with another value, 0 otherwise (TinyZero's 1 / 0.1 / 0).
/// </summary>
public sealed class CountdownTask(CountdownOptions options) : IVerifiableTask
{
    private static readonly char[] Operators = ['+', '-', '*', '/'];

    /// <inheritdoc />
    public string Alphabet => "0123456789,>:+-*/()";

    /// <inheritdoc />
    public int MaxPromptLength => options.Numbers * (Digits(options.MaxNumber) + 1) + Digits(options.MaxTarget) + 1;

    /// <inheritdoc />
    public int MaxAnswerLength => options.Numbers * (Digits(options.MaxNumber) + 1) + 2 * (options.Numbers - 2) - 1;

    /// <inheritdoc />
    public TaskData Generate(TaskRequest request)
    {
        var random = RandomStreams.Create(request.Seed, "task.countdown");
        var space = (long)Math.Min(Math.Pow(options.MaxNumber, options.Numbers) * options.MaxTarget, int.MaxValue);
        return DistinctProblems.Draw("countdown", "maxNumber", space, request.TrainCount, request.TestCount, () => Problem(random));
    }

    /// <inheritdoc />
    public double Reward(TaskExample example, string response)
    {
        var (numbers, target) = Parse(example.Prompt);
        if (ExpressionParser.TryEvaluate(response, out var value, out var used) is false
            || !used.Order().SequenceEqual(numbers.Order()))
        {
            return 0;
        }

        return value.Equals(new Rational(target, 1)) ? 1 : options.FormatReward;
    }

    private TaskExample Problem(Random random)
    {
        while (true)
        {
            var numbers = Enumerable.Range(0, options.Numbers).Select(_ => 1 + random.Next(options.MaxNumber)).ToArray();
            var order = (int[])numbers.Clone();
            random.Shuffle(order);
            var text = order[0].ToString(CultureInfo.InvariantCulture);
            var value = (long)order[0];
            var additive = false; // whether text's top-level operator is + or -
            var valid = true;
            for (var i = 1; i < order.Length && valid; i++)
            {
                var op = Operators[random.Next(Operators.Length)];
                long next = order[i];
                switch (op)
                {
                    case '+': value += next; break;
                    case '-': value -= next; break;
                    case '*': value *= next; break;
                    default:
                        valid = value % next == 0;
                        value /= next;
                        break;
                }

                var multiplicative = op is '*' or '/';
                text = (multiplicative && additive ? $"({text})" : text) + op + order[i].ToString(CultureInfo.InvariantCulture);
                additive = !multiplicative;
            }

            if (valid && value >= 1 && value <= options.MaxTarget)
            {
                var prompt = string.Join(',', numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))) + ">" + value.ToString(CultureInfo.InvariantCulture) + ":";
                return new TaskExample(prompt, text);
            }
        }
    }

    private static (int[] Numbers, long Target) Parse(string prompt)
    {
        var arrow = prompt.IndexOf('>', StringComparison.Ordinal);
        var numbers = prompt[..arrow].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return (numbers, long.Parse(prompt[(arrow + 1)..^1], CultureInfo.InvariantCulture));
    }

    private static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
