using ActorLab.Contracts.Language;
using ActorLab.Plugins.Language.Tasks;
using Xunit;

namespace ActorLab.Plugins.Language.Tests;

/// <summary>The verifiable tasks: their problems, splits and verifiers.</summary>
public sealed class TaskTests
{
    private static readonly TaskRequest Request = new(3, 300, 50);

    public static TheoryData<string, IVerifiableTask> Tasks() => new()
    {
        { "addition", new AdditionTask(new AdditionOptions()) },
        { "addition reversed", new AdditionTask(new AdditionOptions { Digits = 3, ReverseAnswer = true }) },
        { "countdown", new CountdownTask(new CountdownOptions()) },
        { "digit-sort", new DigitSortTask(new DigitSortOptions()) },
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Problems_are_seeded_disjoint_within_bounds_and_their_reference_answers_earn_reward_1(string name, IVerifiableTask task)
    {
        var data = task.Generate(Request);
        Assert.Equal(300, data.Train.Count);
        Assert.Equal(50, data.Test.Count);
        Assert.Equal(data.Train, task.Generate(Request).Train);
        Assert.NotEqual(data.Train, task.Generate(Request with { Seed = 4 }).Train);
        Assert.Empty(data.Train.Select(e => e.Prompt).Intersect(data.Test.Select(e => e.Prompt)));
        Assert.Equal(350, data.Train.Concat(data.Test).Select(e => e.Prompt).Distinct().Count());
        foreach (var example in data.Train.Concat(data.Test))
        {
            Assert.True(example.Prompt.All(task.Alphabet.Contains) && example.Answer.All(task.Alphabet.Contains), $"{name}: {example} leaves the alphabet");
            Assert.True(example.Prompt.Length <= task.MaxPromptLength, $"{name}: prompt {example.Prompt} longer than {task.MaxPromptLength}");
            Assert.True(example.Answer.Length <= task.MaxAnswerLength, $"{name}: answer {example.Answer} longer than {task.MaxAnswerLength}");
            Assert.Equal(1.0, task.Reward(example, example.Answer));
        }
    }

    [Fact]
    public void Addition_answers_the_sum_and_rewards_only_the_exact_digits()
    {
        var task = new AdditionTask(new AdditionOptions());
        var example = new TaskExample("47+58=", "105");
        Assert.Equal(1.0, task.Reward(example, "105"));
        Assert.Equal(0.0, task.Reward(example, "0105"));
        Assert.Equal(0.0, task.Reward(example, "104"));
        Assert.Equal(0.0, task.Reward(example, ""));
        Assert.All(task.Generate(Request).Train, e =>
        {
            var parts = e.Prompt.TrimEnd('=').Split('+').Select(int.Parse).ToArray();
            Assert.Equal((parts[0] + parts[1]).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Answer);
        });
        var reversed = new AdditionTask(new AdditionOptions { ReverseAnswer = true });
        Assert.All(reversed.Generate(Request).Train, e =>
        {
            var parts = e.Prompt.TrimEnd('=').Split('+').Select(int.Parse).ToArray();
            Assert.Equal(new string([.. (parts[0] + parts[1]).ToString(System.Globalization.CultureInfo.InvariantCulture).Reverse()]), e.Answer);
        });
    }

    [Theory]
    [InlineData("3*5+7", 1.0)]
    [InlineData("7+3*5", 1.0)]
    [InlineData("(7+15)", 0.0)] // 15 is not one of the numbers
    [InlineData("3+5+7", 0.1)] // well formed, the numbers exactly once, value 15
    [InlineData("3*5", 0.0)] // 7 unused
    [InlineData("3*5+7+7", 0.0)] // 7 twice
    [InlineData("3*5+", 0.0)]
    [InlineData("(3*5+7", 0.0)]
    [InlineData("", 0.0)]
    [InlineData("3/0+5+7", 0.0)]
    public void Countdown_rewards_a_correct_expression_1_a_well_formed_wrong_one_the_format_reward_and_anything_else_0(string response, double reward)
    {
        var task = new CountdownTask(new CountdownOptions());
        Assert.Equal(reward, task.Reward(new TaskExample("3,5,7>22:", "3*5+7"), response));
    }

    [Fact]
    public void Countdown_values_are_exact_fractions()
    {
        var task = new CountdownTask(new CountdownOptions());
        Assert.Equal(1.0, task.Reward(new TaskExample("8,4,2>4:", "8/4*2"), "8/4*2"));
        Assert.Equal(0.1, task.Reward(new TaskExample("8,4,2>4:", "8/4*2"), "8/(4*2)"));
        Assert.Equal(1.0, task.Reward(new TaskExample("7,2,2>7:", "7/2*2"), "7/2*2")); // 3.5 * 2, exact
        Assert.Equal(0.1, task.Reward(new TaskExample("7,2,1>3:", "7-2*1"), "7/2+1"));
    }

    [Theory]
    [InlineData("13589", 1.0)]
    [InlineData("13598", 0.6)]
    [InlineData("1358", 0.8)]
    [InlineData("135899", 5.0 / 6)]
    [InlineData("", 0.0)]
    public void Digit_sort_gives_partial_credit_per_position(string response, double reward)
    {
        var task = new DigitSortTask(new DigitSortOptions());
        Assert.Equal(reward, task.Reward(new TaskExample("53819:", "13589"), response), 12);
    }

    [Fact]
    public void More_problems_than_the_task_has_are_refused_naming_the_option()
    {
        var task = new AdditionTask(new AdditionOptions { Digits = 1 });
        var e = Assert.Throws<ArgumentException>(() => task.Generate(new TaskRequest(1, 90, 20)));
        Assert.Contains("need 110 distinct prompts but the task has 100; raise 'digits'", e.Message);
    }
}
