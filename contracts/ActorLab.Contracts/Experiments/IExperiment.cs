namespace ActorLab.Contracts.Experiments;

/// <summary>
/// A self-contained numerical study that is not an agent simulation: a sweep over sample sizes, step sizes or
/// ingredients whose output is a few tables (the Naive Bayes vs logistic regression sample-complexity curve, the
/// step-size sweep of logistic regression with gradient descent, model soups). The host runs it in an actor, writes
/// each table to the run folder as CSV, prints it, and reports the findings.
/// </summary>
public interface IExperiment
{
    /// <summary>Runs the study. Deterministic in <see cref="ExperimentContext.Seed"/>.</summary>
    ExperimentResult Run(ExperimentContext context);
}

/// <summary>What an experiment is given.</summary>
/// <param name="Seed">The run seed; derive every random stream from it (<c>RandomStreams</c>).</param>
/// <param name="Progress">Hears a line per finished unit of work (shown to the user), or null.</param>
/// <param name="Cancellation">Set when the user stops the run; check it between units of work.</param>
public sealed record ExperimentContext(int Seed, Action<string>? Progress, CancellationToken Cancellation);

/// <summary>One table of an experiment's results: named numeric columns, a row per setting.</summary>
/// <param name="Name">File-name-safe name (the CSV is <c>Name.csv</c>).</param>
/// <param name="Columns">Column names.</param>
/// <param name="Rows">Rows, each as long as <paramref name="Columns"/>.</param>
public sealed record ExperimentTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<double>> Rows);

/// <summary>An experiment's output: its tables and one-line findings in words (what the numbers say).</summary>
public sealed record ExperimentResult(IReadOnlyList<ExperimentTable> Tables, IReadOnlyList<string> Findings);
