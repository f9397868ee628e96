namespace GameLoop;

/// <summary>The command line: actions per player, rounds per repetition, repetitions and seed.</summary>
internal sealed record LoopOptions(int Actions, long Rounds, int Repetitions, int Seed)
{
    public static LoopOptions Parse(string[] args)
    {
        int actions = 10, repetitions = 8, seed = 1;
        long rounds = 1_000_000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--actions": actions = int.Parse(args[i + 1]); break;
                case "--rounds": rounds = long.Parse(args[i + 1]); break;
                case "--repetitions": repetitions = int.Parse(args[i + 1]); break;
                case "--seed": seed = int.Parse(args[i + 1]); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new LoopOptions(actions, rounds, repetitions, seed);
    }
}
