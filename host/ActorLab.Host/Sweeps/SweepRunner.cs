using System.Globalization;
using System.Text;
using ActorLab.Host.Hosting;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Sweeps;

/// <summary>One finished run of a sweep.</summary>
public sealed record SweepRun(SweepPoint Point, int Seed, RunResult Result);

/// <summary>Mean and sample standard deviation over seeds of one of a grid point's final values.</summary>
public sealed record SweepStatistic(string Name, double Mean, double Std);

/// <summary>A grid point's final values over its seeds, the kind's headline first (<see cref="RunResult.SweepValues"/>).</summary>
public sealed record SweepComparison(SweepPoint Point, int Runs, IReadOnlyList<SweepStatistic> Values);

/// <summary>
/// Runs a grid of scenarios of any kind (every point of the axes, every seed), several at a time when there are cores
/// to spare (each run then gets fewer worker threads; results do not depend on it), and writes the sweep folder:
/// <c>scenarios/</c> (the generated scenario files), <c>runs/</c> (one run folder each), <c>sweep.csv</c> (one row per
/// run), <c>comparison.csv</c> (mean and standard deviation over seeds per point of each final value the kind reports)
/// and <c>comparison.png</c> (the kind's headline metric by step, one line per point and curve).
/// A cancelled sweep (Ctrl+C, SIGTERM) starts no further run, and writes these files for the runs it started (the
/// running ones end as cancelled, with what they completed).
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
        var baseScenario = ScenarioDocument.Load(scenarioPath);
        var kind = SimulationKinds.Named(baseScenario.Kind);
        var text = File.ReadAllText(scenarioPath);
        var catalog = PluginCatalogLoader.Load(manifestPath, allowExternalPlugins);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var folder = Path.Combine(runsRoot, $"sweep-{stamp}-{RunFolderName.Segment(baseScenario.Name)}");
        Directory.CreateDirectory(Path.Combine(folder, "scenarios"));

        var points = SweepGrid.Points(axes);
        var parallel = Math.Max(1, Math.Min(cores, seeds * points.Count));
        var jobs = new List<(SweepPoint Point, int Seed, RunRequest Request, ScenarioDocument Scenario)>();
        try
        {
            AddJobs();
        }
        catch
        {
            Directory.Delete(folder, recursive: true); // only generated scenarios so far: a refused sweep leaves nothing behind
            throw;
        }

        void AddJobs()
        {
            foreach (var point in points)
            {
                for (var s = 0; s < seeds; s++)
                {
                    var seed = baseScenario.Seed + s;
                    var file = Path.Combine(folder, "scenarios", $"{point.Slug}-s{seed}.json");
                    string generated;
                    try
                    {
                        generated = SweepGrid.Apply(text, point, seed, $"{baseScenario.Name}-{point.Slug}");
                    }
                    catch (ArgumentException ex)
                    {
                        throw new Cli.InputFileException(scenarioPath, ex.Message); // an axis that does not fit this scenario
                    }

                    File.WriteAllText(file, generated);
                    var request = new RunRequest(file, manifestPath, Path.Combine(folder, "runs"), Math.Max(1, cores / parallel)) { AllowExternalPlugins = allowExternalPlugins };
                    ScenarioDocument scenario;
                    try
                    {
                        scenario = ScenarioDocument.Load(file);
                        if (scenario.Kind != kind.Name)
                        {
                            throw new ScenarioException(file, [new ScenarioError("$.kind", $"a sweep compares runs of one kind: this is a {kind.Name} scenario, the point makes it {scenario.Kind}")]);
                        }

                        kind.Check(scenario, catalog, request);
                    }
                    catch (ScenarioException ex) when (ex.FilePath == file)
                    {
                        // The generated file goes away with the refused sweep: name the base scenario and the point instead.
                        throw new ScenarioException(scenarioPath, [.. ex.Errors.Select(e => e with { Message = $"{e.Message} (at sweep point {point.Label})" })]);
                    }

                    jobs.Add((point, seed, request, scenario));
                }
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

                // The run itself hears the cancellation: it ends as cancelled, with what it completed.
                var result = await Task.Run(() => kind.Prepare(job.Scenario, catalog, job.Request).RunAsync(job.Request, null, cancellationToken), CancellationToken.None);
                started[index] = new SweepRun(job.Point, job.Seed, result);
                var headline = result.SweepValues.FirstOrDefault();
                progress?.Invoke($"[{Interlocked.Increment(ref done)}/{jobs.Count}] {job.Point.Label} seed {job.Seed}: {result.Status}"
                    + (headline is null ? "" : $", {headline.Name} {F4(headline.Value)}"));
            }
            finally
            {
                gate.Release();
            }
        }));

        var results = started.OfType<SweepRun>().ToList();
        var names = ValueNames(results);
        var comparison = Compare(results, names);
        File.WriteAllText(Path.Combine(folder, "sweep.csv"), SweepCsv(axes, results, names));
        File.WriteAllText(Path.Combine(folder, "comparison.csv"), ComparisonCsv(axes, comparison, names));
        RunPlots.SweepComparison(Curves(results), $"{baseScenario.Name}: {kind.Headline.Label}, mean over {seeds} seed(s)",
            kind.Headline.Unit, kind.Headline.Label, Path.Combine(folder, "comparison.png"));
        RunReport.Write(folder, $"{baseScenario.Name}: sweep of {results.Count} {kind.Name} runs{(results.Count < jobs.Count ? $" (cancelled: {jobs.Count - results.Count} not started)" : "")}");
        return (folder, comparison);
    }

    /// <summary>Every final value the runs report, in the order they first appear (the headline first).</summary>
    private static IReadOnlyList<string> ValueNames(IReadOnlyList<SweepRun> runs) =>
        [.. runs.SelectMany(r => r.Result.SweepValues.Select(v => v.Name)).Distinct()];

    private static double ValueOf(SweepRun run, string name) => run.Result.SweepValues.FirstOrDefault(v => v.Name == name)?.Value ?? double.NaN;

    private static IReadOnlyList<SweepComparison> Compare(IReadOnlyList<SweepRun> runs, IReadOnlyList<string> names) =>
        runs.GroupBy(r => r.Point.Label).Select(g =>
        {
            var values = names.Select(name =>
            {
                var v = g.Select(r => ValueOf(r, name)).ToArray();
                return new SweepStatistic(name, v.Average(), Std(v));
            }).ToList();
            return new SweepComparison(g.First().Point, g.Count(), values);
        }).ToList();

    /// <summary>Per grid point and curve, the headline metric averaged over the point's seeds (up to the shortest run's end).</summary>
    private static IReadOnlyList<HeadlineCurve> Curves(IReadOnlyList<SweepRun> runs) =>
    [
        .. runs.GroupBy(r => r.Point.Label).SelectMany(point =>
        {
            var curves = point.SelectMany(r => r.Result.HeadlineCurves).GroupBy(c => c.Label).ToList();
            return curves.Select(byLabel =>
            {
                var all = byLabel.ToList();
                var length = all.Min(c => c.Y.Length);
                var label = curves.Count == 1 ? point.Key : $"{point.Key}: {byLabel.Key}";
                return new HeadlineCurve(label, all[0].X[..length], [.. Enumerable.Range(0, length).Select(i => all.Average(c => c.Y[i]))]);
            });
        }).Where(c => c.Y.Length > 0), // a run cancelled before its first step has no curve
    ];

    private static double Std(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string F4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string SweepCsv(IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepRun> runs, IReadOnlyList<string> names)
    {
        var csv = new StringBuilder(string.Join(',', axes.Select(a => a.Path)) + ",seed,status," + string.Concat(names.Select(n => n + ",")) + "wall_seconds,run_directory\n");
        foreach (var run in runs)
        {
            csv.Append(string.Join(',', run.Point.Settings.Select(p => SweepPoint.Text(p.Value))))
                .Append(CultureInfo.InvariantCulture, $",{run.Seed},{run.Result.Status},")
                .Append(string.Concat(names.Select(n => F(ValueOf(run, n)) + ",")))
                .Append(CultureInfo.InvariantCulture, $"{F(run.Result.WallSeconds)},{run.Result.RunDirectory}\n");
        }

        return csv.ToString();
    }

    private static string ComparisonCsv(IReadOnlyList<SweepAxis> axes, IReadOnlyList<SweepComparison> comparison, IReadOnlyList<string> names)
    {
        var csv = new StringBuilder(string.Join(',', axes.Select(a => a.Path)) + ",runs" + string.Concat(names.Select(n => $",{n}_mean,{n}_std")) + "\n");
        foreach (var c in comparison)
        {
            csv.Append(string.Join(',', c.Point.Settings.Select(p => SweepPoint.Text(p.Value))))
                .Append(CultureInfo.InvariantCulture, $",{c.Runs}")
                .Append(string.Concat(c.Values.Select(v => $",{F(v.Mean)},{F(v.Std)}")))
                .Append('\n');
        }

        return csv.ToString();
    }
}
