using ActorLab.Host.Federated;
using System.Text.Json;
using ActorLab.Host.Results;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Resume;

/// <summary>
/// Refuses to resume a run whose scenario copy (<see cref="ResumeRecord.ScenarioCopy"/>) changed since the run started:
/// its sha256 differs from the one resume.json recorded, so the rounds left would run another scenario than the rounds
/// done. The message names the settings that differ, e.g. <c>training.learningRate: 0.05 -> 0.1</c>: scenario.json
/// (the resolved scenario the run started with) against the copy resolved now.
/// </summary>
public static class ScenarioChange
{
    /// <summary>At most this many differences are named.</summary>
    private const int Named = 8;

    /// <summary>Checks the copy in <paramref name="runDirectory"/> against <paramref name="record"/>.</summary>
    /// <exception cref="ResumeException">The copy changed; the message says how, and what to do.</exception>
    public static void Check(string runId, string runDirectory, ResumeRecord record)
    {
        var copy = Path.Combine(runDirectory, ResumeRecord.ScenarioCopy);
        if (record.ScenarioSha256 is not { } recorded || !File.Exists(copy) || ResumeRecord.Sha256Of(copy) == recorded)
        {
            return; // a record older than the hash, or the copy is the one the run started with (a missing copy fails to load later)
        }

        var started = Path.Combine(runDirectory, "scenario.json");
        string how;
        try
        {
            var differences = File.Exists(started) ? Differences(File.ReadAllText(started), RunDirectory.ResolvedScenarioJson(FederatedScenarioBinder.Load(copy))) : [];
            how = differences.Count == 0
                ? $"its bytes differ from the file the run started with (sha256 {recorded[..12]}), though no setting in {started} does"
                : string.Join("; ", differences.Take(Named)) + (differences.Count > Named ? $"; and {differences.Count - Named} more" : "");
        }
        catch (ScenarioException ex)
        {
            how = $"it no longer loads ({ex.Errors.Count} error(s), first: {ex.Errors[0].JsonPath}: {ex.Errors[0].Message})";
        }

        throw new ResumeException($"run '{runId}' cannot resume: {copy} changed since the run started ({how}). " +
            $"The rounds done ran the scenario as it was: restore the file to resume (its resolved form is in {started}), " +
            $"or start a new run with the edited scenario: actorlab run {copy}");
    }

    /// <summary>The leaves that differ between two JSON documents, as <c>path: before -> after</c>, in the order of <paramref name="before"/>, then new ones.</summary>
    public static IReadOnlyList<string> Differences(string before, string after)
    {
        var then = Leaves(before);
        var now = Leaves(after);
        var differences = then.Where(t => now.GetValueOrDefault(t.Key) != t.Value)
            .Select(t => $"{t.Key}: {t.Value} -> {now.GetValueOrDefault(t.Key) ?? "(none)"}").ToList();
        differences.AddRange(now.Where(n => !then.ContainsKey(n.Key)).Select(n => $"{n.Key}: (none) -> {n.Value}"));
        return differences;
    }

    /// <summary>Every leaf of a JSON document by its path (<c>a.b[0].c</c>), as raw JSON text; the file path the scenario was read from is left out.</summary>
    private static Dictionary<string, string> Leaves(string json)
    {
        using var document = JsonDocument.Parse(json);
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(document.RootElement, "", leaves);
        leaves.Remove("source");
        return leaves;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", leaves);
                }

                break;
            default:
                leaves[path] = element.GetRawText();
                break;
        }
    }
}
