namespace ActorLab.Host.Results.Database;

/// <summary>A run that <c>actorlab runs compare</c> cannot plot: it has no row of the metric asked of it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Metric">The metric asked (<c>--metric</c>, or the run's headline metric).</param>
/// <param name="Metrics">The metrics it has, in name order.</param>
public sealed record RunWithoutMetric(string RunId, string Metric, IReadOnlyList<string> Metrics)
{
    /// <summary>The metrics it has, comma-separated, or "none yet".</summary>
    public string MetricList => Metrics.Count == 0 ? "none yet" : string.Join(", ", Metrics);

    /// <summary>"&lt;id&gt; has no metric 'x' (its metrics: a, b)", as the warning lists it.</summary>
    public override string ToString() => $"{RunId} has no metric '{Metric}' (its metrics: {MetricList})";
}
