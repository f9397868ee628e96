namespace ActorLab.Host.Results;

/// <summary>Summaries over independent repetitions (bandit and game runs).</summary>
public static class RepetitionStatistics
{
    /// <summary>Mean and 95 % confidence half-width 1.96 s / sqrt(n); NaN when any value is NaN, half-width 0 for one value.</summary>
    public static (double Mean, double Ci) MeanCi(double[] values)
    {
        if (values.Length == 0 || values.Any(double.IsNaN))
        {
            return (double.NaN, double.NaN);
        }

        var mean = values.Average();
        if (values.Length < 2)
        {
            return (mean, 0);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return (mean, 1.96 * sd / Math.Sqrt(values.Length));
    }
}
