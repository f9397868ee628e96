using System.Globalization;

namespace ActorLab.Host.Results;

/// <summary>The folder of a run that <see cref="Simulation.Kinds.RunPipeline"/> opens (every kind but federated, which keeps its lock and journal in <see cref="RunDirectory"/>): runs/&lt;UTC time&gt;-&lt;scenario&gt;-s&lt;seed&gt;[-n], with a copy of the scenario file (secrets masked).</summary>
public static class RunFolder
{
    /// <summary>Creates the folder under <paramref name="root"/> and copies the scenario file into it.</summary>
    public static string Create(string root, string scenarioName, int seed, string scenarioPath)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var id = RunFolderName.Of(stamp, scenarioName, seed);
        var path = Path.Combine(root, id);
        for (var n = 2; Directory.Exists(path); n++)
        {
            path = Path.Combine(root, $"{id}-{n}");
        }

        Directory.CreateDirectory(path);
        // A copy, except that secret-named fields (an apiKey given in options) are masked.
        File.WriteAllText(Path.Combine(path, "scenario.json"), Secrets.SecretRedaction.RedactJson(File.ReadAllText(scenarioPath)));
        return path;
    }
}
