using ActorLab.Host.Results.Database;
using Spectre.Console;

namespace ActorLab.Host.Simulation.Kinds;

/// <summary>
/// How one run of any kind ended, and what the shared code needs from it: the summary (summary.json and <c>--json</c>),
/// the CLI's table, the lines stderr gets when it did not complete, and the headline values sweeps compare.
/// </summary>
/// <param name="runDirectory">The run folder.</param>
/// <param name="status">One of <see cref="RunStatus"/>'s values.</param>
/// <param name="failure">Why it failed or was cancelled; null when it completed.</param>
/// <param name="wallSeconds">Seconds from start to end of the run.</param>
public abstract class RunResult(string runDirectory, string status, string? failure, double wallSeconds)
{
    /// <summary>The run folder.</summary>
    public string RunDirectory { get; } = runDirectory;

    /// <summary>One of <see cref="RunStatus"/>'s values.</summary>
    public string Status { get; } = status;

    /// <summary>Why it failed or was cancelled; null when it completed.</summary>
    public string? Failure { get; } = failure;

    /// <summary>Seconds from start to end of the run.</summary>
    public double WallSeconds { get; } = wallSeconds;

    /// <summary>summary.json's content (and stdout's with <c>--json</c>), without the final newline.</summary>
    public abstract string SummaryJson();

    /// <summary>Metric rows for the database that the run did not append while it ran.</summary>
    public virtual IReadOnlyList<MetricRow> DatabaseRows => [];

    /// <summary>The end-of-run table (or lines) for the console.</summary>
    public abstract void Render(IAnsiConsole console);

    /// <summary>The stderr line of a cancelled run: what it kept and where.</summary>
    public virtual string CancelledMessage => $"cancelled; the summary is in {RunDirectory}";

    /// <summary>The stderr line of a failed run.</summary>
    public virtual string FailedMessage => $"run failed: {Failure}";

    /// <summary>
    /// The final values a sweep compares, the kind's headline first: ("final_accuracy", 0.91), or one per policy for a
    /// run that compares several. Names are comparison.csv's column stems.
    /// </summary>
    public abstract IReadOnlyList<SweepValue> SweepValues { get; }

    /// <summary>The headline metric by step (one curve, or one per policy or agent) for a sweep's comparison.png.</summary>
    public abstract IReadOnlyList<HeadlineCurve> HeadlineCurves { get; }
}

/// <summary>One final value of a run for a sweep's comparison.</summary>
/// <param name="Name">Column stem in sweep.csv and comparison.csv ("final_accuracy", "pseudo_regret[ucb1]").</param>
/// <param name="Value">The value (NaN when the run did not reach it).</param>
public sealed record SweepValue(string Name, double Value);

/// <summary>A headline metric by step: x holds the steps (rounds, epochs, horizon points), y the values.</summary>
public sealed record HeadlineCurve(string Label, double[] X, double[] Y);
