using ActorLab.Host.Policy;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Tests.Support;

/// <summary>Policy-kind runs from scenario files, through the real plugin loading.</summary>
public static class PolicyRuns
{
    /// <summary>Runs the scenario at <paramref name="path"/> with <paramref name="workers"/> trainer threads, results under <paramref name="dir"/>/runs.</summary>
    public static async Task<PolicySummary> RunFileAsync(string dir, string path, int workers = 2)
    {
        var request = new RunRequest(path, Repo.Manifest, Path.Combine(dir, "runs"), workers);
        var run = new PolicyKind().Prepare(ScenarioDocument.Load(path), RepoCatalog.Catalog, request);
        return ((PolicyRunResult)await run.RunAsync(request)).Summary;
    }

    /// <summary>The run's metrics.csv rows (header first).</summary>
    public static string[] Metrics(PolicySummary summary) => File.ReadAllLines(Path.Combine(summary.RunDirectory, "metrics.csv"));

    /// <summary>The run's metrics.csv rows of <paramref name="phase"/> as column name to value (NaN for an empty cell).</summary>
    public static List<Dictionary<string, double>> Rows(PolicySummary summary, string phase)
    {
        var lines = Metrics(summary);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',')).Where(c => c[1] == phase).Select(c => header.Select((h, i) => (h, i)).Where(x => x.h != "phase")
            .ToDictionary(x => x.h, x => c[x.i].Length == 0 ? double.NaN : double.Parse(c[x.i], System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
