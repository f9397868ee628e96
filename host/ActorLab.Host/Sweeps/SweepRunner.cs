using System.Globalization;
using System.Text;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;

namespace ActorLab.Host.Sweeps;

/// <summary>One finished run of a sweep.</summary>
public sealed record SweepRun(SweepPoint Point, int Seed, RunSummary Summary, double[] AccuracyByRound);

/// <summary>Mean and sample standard deviation over seeds of one grid point.</summary>
public sealed record SweepComparison(SweepPoint Point, int Runs, double AccuracyMean, double AccuracyStd, double LossMean, double LossStd);

/// <summary>
/// Runs a grid of scenarios (every point of the axes, every seed), several at a time when there are cores to
/// spare (each run then gets fewer trainer threads; results do not depend on it), and writes the sweep folder:
/// <c>scenarios/</c> (the generated scenario files), <c>runs/</c> (one run folder each), <c>sweep.csv</c> (one row per
/// run), <c>comparison.csv</c> (mean and standard deviation over seeds per point) and <c>comparison.png</c>.
/// A cancelled sweep (Ctrl+C, SIGTERM) starts no further run, and writes these files for the runs it started (the
/// running ones end as cancelled, with the rounds they completed).
/// Every generated scenario is checked (schema and components) before the first run starts; a run's data is loaded
/// only when it starts, so a sweep holds as many data sets as it runs at once.
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// Runs the sweep and returns the per-point comparison (plugins outside the manifest's folder only with
    /// <paramref name="allowExternalPlugins"/>); once <paramref name="cancellationToken"/> is cancelled, over the runs started until then.
    /// </summary>
    public static async Task<(string Folder, IReadOnlyList<SweepComparison> Comparison)> RunAsync(
        string scenarioPath, IReadOnlyList<SweepAxis> axes, int seeds, string manifestPath, string runsRoot, int cores,
        Action<string>? progress = null, CancellationToken cancellationToken = default, bool allowExternalPlugins = false)
    {
        var baseScenario = ScenarioLoader.Load(scenarioPath);
        var text = File.ReadAllText(scenarioPath);
        var catalog = PluginCatalogLoader.Load(manifestPath, allowExternalPlugins);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var folder = Path.Combine(runsRoot, $"sweep-{stamp}-{RunFolderName.Segment(baseScenario.Name)}");
        Directory.CreateDirectory(Path.Combine(folder, "scenarios"));

        var points = SweepGrid.Points(axes);
        var parallel = Math.Max(1, Math.Min(cores, seeds * points.Count));
        var jobs = new List<(SweepPoint Point, int Seed, RunRequest Request)>();
        foreach (var point in points)
        {
            for (var s = 0; s < seeds; s++)
            {
                var seed = baseScenario.Seed + s;
                var file = Path.Combine(folder, "scenarios", $"{point.Slug}-s{seed}.json");
                File.WriteAllText(file, SweepGrid.Apply(text, point, seed, $"{baseScenario.Name}-{point.Slug}"));
                var request = new RunRequest(file, manifestPath, Path.Combine(folder, "runs"), Math.Max(1, cores / parallel)) { AllowExternalPlugins = allowExternalPlugins };
                ScenarioLoader.CheckComponents(ScenarioLoader.Load(file), catalog);
                jobs.Add((point, seed, request));
            }
        }

        var started = new SweepRun?[jobs.Count];
        using var gate = new SemaphoreSlim(parallel);
        var done = 0;
        await Task.WhenAll(jobs.Select(async (job, index) =>
        {
            try
            {
                await gate.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return; // cancelled before its turn: this run never starts
            }

            try
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                // The run itself hears the cancellation: it ends as cancelled, with the rounds it completed.
                var summary = await Task.Run(() => RunLauncher.RunAsync(job.Request, RunLauncher.Prepare(job.Request, catalog).Plan, null, cancellationToken), CancellationToken.None);
                started[index] = new SweepRun(job.Point, job.Seed, summary, ReadAccuracy(summary.RunDirectory));
                progress?.Invoke($"[{Interlocked.Increment(ref done)}/{jobs.Count}] {job.Point.Label} seed {job.Seed}: " +
                    $"{summary.Status}, accuracy {summary.FinalAccuracy?.ToString("F4", CultureInfo.InvariantCulture) ?? "-"}");
            }
            finally
            {
                gate.Release();
            }
        }));

        var results = started.OfType<SweepRun>().ToList();
        var comparison = Compare(results);
        File.WriteAllText(Path.Combine(folder, "sweep.csv"), SweepCsv(axes, results));
        File.WriteAllText(Path.Combine(folder, "comparison.csv"), ComparisonCsv(axes, comparison));
        RunPlots.AccuracyComparison(results.GroupBy(r => r.Point.Label)
                .Select(g => (g.Key, Mean(g.Select(r => r.AccuracyByRound).ToList())))
                .Where(s => s.Item2.Length > 0) // a run cancelled before its first round has no curve
                .ToList(),
            $"{baseScenario.Name}: test accuracy, mean over {seeds} seed(s)", Path.Combine(folder, "comparison.png"));
        RunReport.Write(folder, $"{baseScenario.Name}: sweep of {results.Count} runs{(results.Count < jobs.Count ? $" (cancelled: {jobs.Count - results.Count} not started)" : "")}");
        return (folder, comparison);
    }

    private static IReadOnlyList<SweepComparison> Compare(IReadOnlyList<SweepRun> runs) =>
        runs.GroupBy(r => r.Point.Label).Select(g =>
        {
            var accuracy = g.Select(r => r.Summary.FinalAccuracy ?? double.NaN).ToArray();
            var loss = g.Select(r => r.Summary.FinalTestLoss ?? double.NaN).ToArray();
            return new SweepComparison(g.First().Point, accuracy.Length, accuracy.Average(), Std(accuracy), loss.Average(), Std(loss));
        }).ToList();

    private static double Std(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static double[] Mean(IReadOnlyList<double[]> series)
    {
        var length = series.Min(s => s.Length);
        return Enumerable.Range(0, length).Select(i => series.Average(s => s[i])).ToArray();
    }

    private static double[] ReadAccuracy(string runDirectory)
    {
        var lines = File.ReadAllLines(Path.Combine(runDirectory, "metrics.csv"));
        var column = Array.IndexOf(lines[0].Split(','), "test_accuracy");
        return lines.Skip(1).Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToArray();
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string SweepCsv(IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepRun> runs)
    {
        var csv = new StringBuilder(string.Join(',', axes.Select(a => a.Path)) + ",seed,status,final_accuracy,best_accuracy,final_test_loss,wall_seconds,run_directory\n");
        foreach (var run in runs)
        {
            var s = run.Summary;
            csv.Append(string.Join(',', run.Point.Settings.Select(p => SweepPoint.Text(p.Value))))
                .Append(CultureInfo.InvariantCulture, $",{run.Seed},{s.Status},{F(s.FinalAccuracy ?? double.NaN)},{F(s.BestAccuracy ?? double.NaN)},{F(s.FinalTestLoss ?? double.NaN)},{F(s.WallSeconds)},{s.RunDirectory}\n");
        }

        return csv.ToString();
    }

    private static string ComparisonCsv(IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepComparison> comparison)
    {
        var csv = new StringBuilder(string.Join(',', axes.Select(a => a.Path)) + ",runs,final_accuracy_mean,final_accuracy_std,final_test_loss_mean,final_test_loss_std\n");
        foreach (var c in comparison)
        {
            csv.Append(string.Join(',', c.Point.Settings.Select(p => SweepPoint.Text(p.Value))))
                .Append(CultureInfo.InvariantCulture, $",{c.Runs},{F(c.AccuracyMean)},{F(c.AccuracyStd)},{F(c.LossMean)},{F(c.LossStd)}\n");
        }

        return csv.ToString();
    }
}
