namespace ActorLab.Host.Results.Database;

/// <summary>The last value (highest step) of one metric of one run.</summary>
/// <param name="Series">The policy or agent, or null.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Step">The step of the value.</param>
/// <param name="Value">The value.</param>
public sealed record FinalMetric(string? Series, string Metric, long Step, double Value)
{
    /// <summary>The metric's name with its series, as tables show it.</summary>
    public string Label => Series is null ? Metric : $"{Series}/{Metric}";
}
