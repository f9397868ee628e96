namespace ActorLab.Contracts.Language;

/// <summary>One problem of a task: the prompt the model sees and a reference answer (what supervised training imitates).</summary>
/// <param name="Prompt">The prompt text, in the task's alphabet ("12+34=").</param>
/// <param name="Answer">A correct answer ("46"); the verifier may accept others (countdown has many).</param>
public sealed record TaskExample(string Prompt, string Answer);

/// <summary>What a run asks a task for: problems drawn from the run seed.</summary>
/// <param name="Seed">The run seed.</param>
/// <param name="TrainCount">Training problems (supervised and RL prompts).</param>
/// <param name="TestCount">Held-out problems, none of which is a training problem.</param>
public sealed record TaskRequest(int Seed, int TrainCount, int TestCount);

/// <summary>A task's training and held-out problems.</summary>
public sealed record TaskData(IReadOnlyList<TaskExample> Train, IReadOnlyList<TaskExample> Test);

/// <summary>
/// A task with a programmatic verifier (RL with verifiable rewards): it generates problems and scores any response to
/// one. Text is character-level: every character of a prompt, an answer or a response is in <see cref="Alphabet"/>.
/// </summary>
public interface IVerifiableTask
{
    /// <summary>The characters prompts and answers are written in, each once.</summary>
    string Alphabet { get; }

    /// <summary>The longest prompt, in characters.</summary>
    int MaxPromptLength { get; }

    /// <summary>The longest answer worth generating, in characters (responses are cut there).</summary>
    int MaxAnswerLength { get; }

    /// <summary>Training and held-out problems, a pure function of the request; the two sets share no prompt.</summary>
    TaskData Generate(TaskRequest request);

    /// <summary>The verifier's reward for <paramref name="response"/> to <paramref name="example"/>, in [0, 1]; 1 means correct.</summary>
    double Reward(TaskExample example, string response);
}
