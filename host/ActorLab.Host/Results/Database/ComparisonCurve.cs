namespace ActorLab.Host.Results.Database;

/// <summary>One line of <c>actorlab runs compare</c>'s plot: one metric of one run (and one series of it) by step.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Series">The policy, agent or table, or null when the run has one curve of the metric.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Unit">What one step is: the kind's unit (round, epoch, step), or "step" for a training run's optimizer steps.</param>
/// <param name="Steps">The x values.</param>
/// <param name="Values">The y values.</param>
public sealed record ComparisonCurve(string RunId, string? Series, string Metric, string Unit, double[] Steps, double[] Values)
{
    /// <summary>The legend's text: the run id, then the series.</summary>
    public string Label => Series is null ? RunId : $"{RunId} {Series}";
}
