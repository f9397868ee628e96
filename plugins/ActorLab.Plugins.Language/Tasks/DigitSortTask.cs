using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Language;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Language.Tasks;

/// <summary>Options of <see cref="DigitSortTask"/>.</summary>
public sealed record DigitSortOptions
{
    /// <summary>Digits per prompt.</summary>
    [Range(2, 16)]
    public int Length { get; init; } = 5;
}

/// <summary>
/// <c>digit-sort</c>: sort a string of digits ("53819:" answered "13589"), the task with graded reward: partial credit
/// r = (positions i where response_i = answer_i) / max(|answer|, |response|), so a response that is longer or shorter
/// than the answer loses the positions it misses; 1 only for the exact answer.
/// </summary>
public sealed class DigitSortTask(DigitSortOptions options) : IVerifiableTask
{
    /// <inheritdoc />
    public string Alphabet => "0123456789:";

    /// <inheritdoc />
    public int MaxPromptLength => options.Length + 1;

    /// <inheritdoc />
    public int MaxAnswerLength => options.Length;

    /// <inheritdoc />
    public TaskData Generate(TaskRequest request)
    {
        var random = RandomStreams.Create(request.Seed, "task.digit-sort");
        return DistinctProblems.Draw("digit-sort", "length", (long)Math.Min(Math.Pow(10, options.Length), long.MaxValue / 2), request.TrainCount, request.TestCount, () =>
        {
            var digits = Enumerable.Range(0, options.Length).Select(_ => (char)('0' + random.Next(10))).ToArray();
            return new TaskExample(new string(digits) + ":", new string([.. digits.Order()]));
        });
    }

    /// <inheritdoc />
    public double Reward(TaskExample example, string response)
    {
        var answer = example.Answer;
        var longest = Math.Max(answer.Length, response.Length);
        if (longest == 0)
        {
            return 1;
        }

        var matches = 0;
        for (var i = 0; i < Math.Min(answer.Length, response.Length); i++)
        {
            matches += answer[i] == response[i] ? 1 : 0;
        }

        return matches / (double)longest;
    }
}
