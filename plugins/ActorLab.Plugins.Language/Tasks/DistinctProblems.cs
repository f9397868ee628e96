namespace ActorLab.Plugins.Language.Tasks;

/// <summary>Draws a task's held-out and training problems: distinct prompts, the held-out ones first, none shared.</summary>
internal static class DistinctProblems
{
    /// <summary>
    /// Draws with <paramref name="draw"/> until <paramref name="test"/> held-out and then <paramref name="train"/>
    /// training problems with distinct prompts are found; <paramref name="space"/> (the number of distinct prompts the
    /// task has) bounds the request, and an impossible one is refused naming <paramref name="task"/>'s option.
    /// </summary>
    public static Contracts.Language.TaskData Draw(string task, string option, long space, int train, int test, Func<Contracts.Language.TaskExample> draw)
    {
        if ((long)train + test > space)
        {
            throw new ArgumentException($"{task}: {train} training and {test} held-out problems need {train + test} distinct prompts but the task has {space}; raise '{option}' or ask for fewer problems");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var testSet = new List<Contracts.Language.TaskExample>(test);
        var trainSet = new List<Contracts.Language.TaskExample>(train);
        var attempts = 0L;
        while (testSet.Count + trainSet.Count < train + test)
        {
            if (++attempts > 200L * (train + test) + 10_000)
            {
                throw new ArgumentException($"{task}: found only {seen.Count} distinct prompts after {attempts - 1} draws; raise '{option}' or ask for fewer problems");
            }

            var example = draw();
            if (seen.Add(example.Prompt))
            {
                (testSet.Count < test ? testSet : trainSet).Add(example);
            }
        }

        return new Contracts.Language.TaskData(trainSet, testSet);
    }
}
