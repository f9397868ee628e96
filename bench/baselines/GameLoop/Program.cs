using System.Diagnostics;
using System.Globalization;
using GameLoop;

// game-loop [--actions K] [--rounds T] [--repetitions R] [--seed S]
// Hedge self-play on a K x K random game; one System.Random(seed + rep) per repetition, one thread, repetitions in
// sequence. Progress on stderr; the last stdout line is JSON.
var options = LoopOptions.Parse(args);
var regretSum = 0.0;
var clock = Stopwatch.StartNew();
for (var rep = 0; rep < options.Repetitions; rep++)
{
    regretSum += HedgeSelfPlay.Run(new Random(options.Seed + rep), options.Actions, options.Rounds);
    Console.Error.WriteLine($"game-loop: {rep + 1}/{options.Repetitions} repetitions, {clock.Elapsed.TotalSeconds:F2} s");
}

var seconds = clock.Elapsed.TotalSeconds;
var rounds = options.Rounds * options.Repetitions;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"workload\":\"game-hedge-selfplay\",\"roundsPerSecond\":{rounds / seconds:R},\"threads\":1,\"rounds\":{rounds},\"actions\":{options.Actions},\"repetitions\":{options.Repetitions},\"horizon\":{options.Rounds},\"seconds\":{seconds:R},\"meanExternalRegret\":{regretSum / options.Repetitions:R}}}"));
return 0;
