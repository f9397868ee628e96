using System.Security.Cryptography;
using System.Text.Json;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results;

namespace ActorLab.Host.Resume;

/// <summary>A plugin as a run loaded it: its name, version and the sha256 of its assembly.</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Sha256">The sha256 of its assembly file, lower-case hex ("" when the file is gone).</param>
public sealed record PluginPin(string Name, string Version, string Sha256);

/// <summary>
/// <c>resume.json</c> in a federated run's folder, the first file a run writes (a run killed at any later moment can be
/// resumed, or is told apart from one that never got this far): what <c>actorlab resume</c> needs to continue it. The
/// scenario file is copied next to it (<see cref="ScenarioCopy"/>) so that the run resumes the scenario it started with
/// even if the original file changed or moved, and the copy's hash is recorded so that an edited copy is refused. A
/// run with its journal off records <c>off</c> (it cannot be resumed). No connection string is recorded (it may hold a
/// password): PostgreSQL's comes from the environment again. Fields added later are init properties, null in older
/// records.
/// </summary>
/// <param name="Kind">The simulation kind (federated).</param>
/// <param name="Seed">The run seed.</param>
/// <param name="ScenarioSource">The scenario file the run was started from.</param>
/// <param name="Journal">The journal provider (sqlite, postgresql, or off).</param>
/// <param name="Plugins">The plugins the run loaded.</param>
public sealed record ResumeRecord(string Kind, int Seed, string ScenarioSource, string Journal, IReadOnlyList<PluginPin> Plugins)
{
    /// <summary>The sha256 of <see cref="ScenarioCopy"/> as the run started, lower-case hex; null in records older than it.</summary>
    public string? ScenarioSha256 { get; init; }

    /// <summary>The record's file name in the run folder.</summary>
    public const string FileName = "resume.json";

    /// <summary>The scenario copy's file name in the run folder.</summary>
    public const string ScenarioCopy = "scenario.source.json";

    /// <summary>The MKL kernel path the run computed with; null in records written before it was recorded.</summary>
    public Torch.MklKernelPath? MklKernels { get; init; }

    /// <summary>The pins of <paramref name="catalog"/>'s plugins.</summary>
    public static IReadOnlyList<PluginPin> PinsOf(PluginCatalog catalog) =>
        catalog.Plugins.Select(p => new PluginPin(p.Name, p.Version,
            File.Exists(p.Path) ? Sha256Of(p.Path) : "")).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <summary>Writes the scenario copy and resume.json (written whole, then renamed into place) into <paramref name="runDirectory"/>.</summary>
    public static void Write(string runDirectory, string scenarioPath, int seed, string journal, PluginCatalog catalog, Torch.MklKernelPath kernels)
    {
        var copy = Path.Combine(runDirectory, ScenarioCopy);
        File.Copy(scenarioPath, copy, overwrite: true);
        var record = new ResumeRecord("federated", seed, Path.GetFullPath(scenarioPath), journal, PinsOf(catalog)) { ScenarioSha256 = Sha256Of(copy), MklKernels = kernels };
        var temporary = Path.Combine(runDirectory, FileName + ".tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, ResultsJson.Options) + "\n");
        File.Move(temporary, Path.Combine(runDirectory, FileName), overwrite: true);
    }

    /// <summary>The sha256 of a file, lower-case hex.</summary>
    public static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>True when <paramref name="runDirectory"/> holds a readable record of a run journaled by a provider (not off).</summary>
    public static bool IsJournaled(string runDirectory)
    {
        try
        {
            return Read(runDirectory) is { Journal: not "off" };
        }
        catch (ResumeException)
        {
            return false;
        }
    }

    /// <summary>Reads the record of <paramref name="runDirectory"/>; null when the run has none (not federated, or killed before writing it).</summary>
    public static ResumeRecord? Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ResumeRecord>(File.ReadAllText(path), ResultsJson.Options)
                ?? throw new ResumeException($"{path}: empty; the run cannot be resumed");
        }
        catch (JsonException ex)
        {
            throw new ResumeException($"{path}: not a resume record ({ex.Message}); the run cannot be resumed");
        }
    }

    /// <summary>The differences between the plugins the run loaded and <paramref name="now"/>'s, one line each; empty when they match.</summary>
    public IReadOnlyList<string> PluginDifferences(IReadOnlyList<PluginPin> now)
    {
        var differences = new List<string>();
        foreach (var then in Plugins)
        {
            var current = now.FirstOrDefault(p => p.Name == then.Name);
            if (current is null)
            {
                differences.Add($"plugin '{then.Name}' {then.Version} is no longer in the manifest");
            }
            else if (current.Version != then.Version)
            {
                differences.Add($"plugin '{then.Name}' was {then.Version}, is now {current.Version}");
            }
            else if (current.Sha256 != then.Sha256)
            {
                differences.Add($"plugin '{then.Name}' {then.Version}: its assembly changed (sha256 {Short(then.Sha256)} then, {Short(current.Sha256)} now)");
            }
        }

        differences.AddRange(now.Where(p => Plugins.All(t => t.Name != p.Name)).Select(p => $"plugin '{p.Name}' {p.Version} was not loaded by the run"));
        return differences;
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha.Length == 0 ? "none" : sha;
}
