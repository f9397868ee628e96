namespace ActorLab.Host.Results.Database;

/// <summary>
/// The final-metrics table of <c>actorlab runs compare</c>, one column per run. Runs of one kind show every metric
/// ("-" where a run lacks one); runs of several kinds show the metrics at least two of them share, since the others
/// would be one value in a row of dashes (each run's headline is listed on its own).
/// </summary>
public static class ComparisonTable
{
    /// <summary>The rows: a metric's label (series/metric), then one cell per run.</summary>
    /// <param name="runs">The runs, one column each.</param>
    /// <param name="finals">Each run's final metrics (<see cref="ResultsDatabaseReader.FinalMetrics"/>), in the order of <paramref name="runs"/>.</param>
    /// <param name="number">How a value prints.</param>
    public static IReadOnlyList<(string Label, string[] Cells)> Rows(IReadOnlyList<RunRecord> runs, IReadOnlyList<IReadOnlyList<FinalMetric>> finals,
        Func<double, string> number)
    {
        var byLabel = finals.Select(f => f.ToDictionary(m => m.Label, m => m.Value)).ToList();
        var minimumRuns = runs.Select(r => r.Kind).Distinct().Count() > 1 ? 2 : 1;
        return
        [
            .. byLabel.SelectMany(f => f.Keys).CountBy(label => label).Where(c => c.Value >= minimumRuns).Select(c => c.Key).Order(StringComparer.Ordinal)
                .Select(label => (label, byLabel.Select(f => f.TryGetValue(label, out var v) ? number(v) : "-").ToArray())),
        ];
    }
}
