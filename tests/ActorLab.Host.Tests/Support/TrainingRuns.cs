using ActorLab.Host.Simulation;
using ActorLab.Host.Training;

namespace ActorLab.Host.Tests.Support;

/// <summary>Training-kind runs from scenario text, through the real plugin loading.</summary>
public static class TrainingRuns
{
    /// <summary>Writes <paramref name="json"/> into <paramref name="dir"/> as <paramref name="name"/>.json, runs it with one worker and returns its summary.</summary>
    public static Task<TrainingSummary> RunAsync(string dir, string name, string json) => RunFileAsync(dir, Write(dir, name, json));

    /// <summary>Runs the scenario file at <paramref name="path"/> with one worker, results under <paramref name="dir"/>/runs.</summary>
    public static async Task<TrainingSummary> RunFileAsync(string dir, string path)
    {
        var request = new RunRequest(path, Repo.Manifest, Path.Combine(dir, "runs"), 1);
        return await TrainingLauncher.RunAsync(request, TrainingLauncher.Prepare(request));
    }

    /// <summary>Writes <paramref name="json"/> into <paramref name="dir"/> as <paramref name="name"/>.json and returns the path.</summary>
    public static string Write(string dir, string name, string json)
    {
        var path = Path.Combine(dir, $"{name}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
