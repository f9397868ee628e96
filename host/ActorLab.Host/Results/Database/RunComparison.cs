namespace ActorLab.Host.Results.Database;

/// <summary>
/// What <c>actorlab runs compare</c> plots: one curve per run and series of the metric asked (<c>--metric</c>, or
/// each run's own headline metric, so that runs of different kinds compare by what each is judged by), and the runs
/// that have no such metric.
/// </summary>
/// <param name="Curves">The lines, in the order of the runs, each run's series in name order.</param>
/// <param name="Missing">The runs without rows of their metric.</param>
public sealed record RunComparison(IReadOnlyList<ComparisonCurve> Curves, IReadOnlyList<RunWithoutMetric> Missing)
{
    /// <summary>The x axis's unit when the curves' units differ (a federated round and a training epoch).</summary>
    public const string MixedUnit = "step";

    /// <summary>The metrics plotted, in the order the curves first show them (one panel each).</summary>
    public IReadOnlyList<string> Metrics => [.. Curves.Select(c => c.Metric).Distinct()];

    /// <summary>The x axis's unit of <paramref name="metric"/>'s panel: the one its curves share (round, epoch, step), else <see cref="MixedUnit"/>.</summary>
    public string Unit(string metric)
    {
        var units = Curves.Where(c => c.Metric == metric).Select(c => c.Unit).Distinct().ToList();
        return units.Count == 1 ? units[0] : MixedUnit;
    }

    /// <summary>
    /// Why there is no curve: "none of these runs has metric 'x' (their metrics: &lt;id&gt;: a, b; ...)", or, when each
    /// run was asked its own headline, each run without it.
    /// </summary>
    public string NothingPlotted()
    {
        var asked = Missing.Select(m => m.Metric).Distinct().ToList();
        return asked.Count == 1
            ? $"none of these runs has metric '{asked[0]}' (their metrics: {string.Join("; ", Missing.Select(m => $"{m.RunId}: {m.MetricList}"))})"
            : $"none of these runs has its headline metric: {string.Join("; ", Missing)}";
    }

    /// <summary>Reads the curves of <paramref name="runs"/>.</summary>
    /// <param name="runs">The runs compared.</param>
    /// <param name="metric">The metric plotted; null: each run's headline metric.</param>
    /// <param name="unitOfKind">What one step of a kind's curves is ("round" for federated).</param>
    /// <param name="curve">A run's rows of a metric (<see cref="ResultsDatabaseReader.Curve"/>).</param>
    /// <param name="metricsOf">The metrics a run has, for the runs without <paramref name="metric"/>.</param>
    public static RunComparison Build(IReadOnlyList<RunRecord> runs, string? metric, Func<string, string> unitOfKind,
        Func<RunRecord, string, IReadOnlyList<(string? Series, long Step, double Value, int? Epoch)>> curve, Func<RunRecord, IReadOnlyList<string>> metricsOf)
    {
        var curves = new List<ComparisonCurve>();
        var missing = new List<RunWithoutMetric>();
        foreach (var run in runs)
        {
            var name = metric ?? run.HeadlineMetric;
            var points = curve(run, name);
            if (points.Count == 0)
            {
                missing.Add(new RunWithoutMetric(run.RunId, name, metricsOf(run)));
                continue;
            }

            // Training rows at optimizer steps carry their epoch; the kind's unit (epoch) is that of its epoch rows.
            curves.AddRange(points.GroupBy(p => p.Series).Select(g => new ComparisonCurve(run.RunId, g.Key, name,
                g.Any(p => p.Epoch is { } epoch && epoch != p.Step) ? MixedUnit : unitOfKind(run.Kind),
                [.. g.Select(p => (double)p.Step)], [.. g.Select(p => p.Value)])));
        }

        return new RunComparison(curves, missing);
    }
}
