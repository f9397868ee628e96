using System.Diagnostics;
using System.Globalization;
using BanditLoops;

// bandit-loops ucb1|thompson|linucb [--arms K] [--steps T] [--repetitions R] [--seed S] [--dim d]
// One System.Random(seed + rep) per repetition, one thread. Progress on stderr; the last stdout line is JSON.
if (args.Length == 0 || args[0] is not ("ucb1" or "thompson" or "linucb"))
{
    Console.Error.WriteLine("usage: bandit-loops ucb1|thompson|linucb [--arms 10] [--steps 100000] [--repetitions 100] [--seed 1] [--dim 10]");
    return 2;
}

var workload = args[0];
var options = LoopOptions.Parse(args[1..]);
var regretSum = 0.0;
var clock = Stopwatch.StartNew();
for (var rep = 0; rep < options.Repetitions; rep++)
{
    var random = new Random(options.Seed + rep);
    regretSum += workload switch
    {
        "ucb1" => Ucb1Loop.Run(random, options.Arms, options.Steps),
        "thompson" => ThompsonLoop.Run(random, options.Arms, options.Steps),
        _ => LinUcbLoop.Run(random, options.Arms, options.Dimension, options.Steps),
    };
    if ((rep + 1) % Math.Max(1, options.Repetitions / 10) == 0)
    {
        Console.Error.WriteLine($"{workload}: {rep + 1}/{options.Repetitions} repetitions, {clock.Elapsed.TotalSeconds:F2} s");
    }
}

var seconds = clock.Elapsed.TotalSeconds;
var steps = options.Steps * options.Repetitions;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"workload\":\"bandit-{workload}\",\"stepsPerSecond\":{steps / seconds:R},\"threads\":1,\"steps\":{steps},\"arms\":{options.Arms},\"repetitions\":{options.Repetitions},\"horizon\":{options.Steps},\"dimension\":{(workload == "linucb" ? options.Dimension : 0)},\"seconds\":{seconds:R},\"meanPseudoRegret\":{regretSum / options.Repetitions:R}}}"));
return 0;
