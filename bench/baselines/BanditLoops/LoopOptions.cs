namespace BanditLoops;

/// <summary>The command line: K, horizon, repetitions, seed and (LinUCB) the context dimension.</summary>
internal sealed record LoopOptions(int Arms, long Steps, int Repetitions, int Seed, int Dimension)
{
    public static LoopOptions Parse(string[] args)
    {
        int arms = 10, repetitions = 100, seed = 1, dimension = 10;
        long steps = 100_000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--arms": arms = int.Parse(args[i + 1]); break;
                case "--steps": steps = long.Parse(args[i + 1]); break;
                case "--repetitions": repetitions = int.Parse(args[i + 1]); break;
                case "--seed": seed = int.Parse(args[i + 1]); break;
                case "--dim": dimension = int.Parse(args[i + 1]); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new LoopOptions(arms, steps, repetitions, seed, dimension);
    }
}
