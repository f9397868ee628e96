using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ActorLab.Contracts.Language;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Language.Tasks;

/// <summary>Options of <see cref="AdditionTask"/>.</summary>
public sealed record AdditionOptions
{
    /// <summary>Operands have up to this many digits (uniform in [0, 10^digits)).</summary>
    [Range(1, 9)]
    public int Digits { get; init; } = 2;

    /// <summary>Write the sum least-significant digit first, the order in which carries are computed (easier for a small transformer).</summary>
    public bool ReverseAnswer { get; init; }
}

/// <summary>
/// <c>addition</c>: multi-digit addition "a+b=" answered by the digits of a + b, the toy task of small-scale RLVR
/// reproductions (TinyZero, paper 22's setting at toy scale). Operands are uniform in [0, 10^digits), written without
/// leading zeros. Reward 1 when the response is exactly the sum's digits, else 0.
/// </summary>
public sealed class AdditionTask(AdditionOptions options) : IVerifiableTask
{
    /// <inheritdoc />
    public string Alphabet => "0123456789+=";

    /// <inheritdoc />
    public int MaxPromptLength => 2 * options.Digits + 2;

    /// <inheritdoc />
    public int MaxAnswerLength => options.Digits + 1;

    /// <inheritdoc />
    public TaskData Generate(TaskRequest request)
    {
        var random = RandomStreams.Create(request.Seed, "task.addition");
        var limit = (long)Math.Pow(10, options.Digits);
        return DistinctProblems.Draw("addition", "digits", limit * limit, request.TrainCount, request.TestCount, () =>
        {
            var (a, b) = (random.NextInt64(limit), random.NextInt64(limit));
            var sum = (a + b).ToString(CultureInfo.InvariantCulture);
            return new TaskExample(string.Create(CultureInfo.InvariantCulture, $"{a}+{b}="), options.ReverseAnswer ? new string([.. sum.Reverse()]) : sum);
        });
    }

    /// <inheritdoc />
    public double Reward(TaskExample example, string response) => response == example.Answer ? 1 : 0;
}
