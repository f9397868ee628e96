using System.Globalization;
using ActorLab.Host.Results.Database;

namespace ActorLab.Host.Policy;

/// <summary>
/// Streams a policy run's rows as they complete: metrics.csv (a pure function of scenario and seed: byte-identical
/// with any number of rollout workers), timings.csv (wall times and tokens), and the same metrics to the results
/// database. Flushed every row, so a cancelled or failed run keeps what it did; keeps the rows for the plots.
/// </summary>
public sealed class PolicyResultsWriter : IDisposable
{
    private readonly RunRecorder? _recorder;
    private readonly StreamWriter _metrics;
    private readonly StreamWriter _timings;
    private readonly List<PolicyStepMetrics> _rows = [];
    private readonly List<PolicyStepTiming> _timingRows = [];

    /// <summary>Creates both files in <paramref name="folder"/> with their headers.</summary>
    public PolicyResultsWriter(string folder, RunRecorder? recorder = null)
    {
        _recorder = recorder;
        _metrics = new StreamWriter(Path.Combine(folder, "metrics.csv")) { NewLine = "\n" };
        _timings = new StreamWriter(Path.Combine(folder, "timings.csv")) { NewLine = "\n" };
        _metrics.WriteLine(PolicyStepMetrics.Header);
        _timings.WriteLine("step,phase,rollout_seconds,learner_seconds,generated_tokens");
        _metrics.Flush();
        _timings.Flush();
    }

    /// <summary>The rows written so far.</summary>
    public IReadOnlyList<PolicyStepMetrics> Rows => _rows;

    /// <summary>The timings written so far.</summary>
    public IReadOnlyList<PolicyStepTiming> Timings => _timingRows;

    /// <summary>Appends a step's row and, when it has one, its timing.</summary>
    public void Append(PolicyStepMetrics row, PolicyStepTiming? timing)
    {
        _metrics.WriteLine(string.Join(',', new[] { row.Step.ToString(CultureInfo.InvariantCulture), row.Phase, row.PhaseStep.ToString(CultureInfo.InvariantCulture) }
            .Concat(row.Values().Select(v => Cell(v.Value)))));
        _metrics.Flush();
        _rows.Add(row);
        if (timing is { } t)
        {
            _timings.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t.Step},{t.Phase},{t.RolloutSeconds:F6},{t.LearnerSeconds:F6},{t.GeneratedTokens}"));
            _timings.Flush();
            _timingRows.Add(t);
        }

        _recorder?.Append([.. row.Values().Where(v => !double.IsNaN(v.Value)).Select(v => new MetricRow(row.Step, v.Name, v.Value, Series: row.Phase))]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _metrics.Dispose();
        _timings.Dispose();
    }

    private static string Cell(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
