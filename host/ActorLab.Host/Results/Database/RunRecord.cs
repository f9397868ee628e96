namespace ActorLab.Host.Results.Database;

/// <summary>A row of the <c>runs</c> table, with the final value of its headline metric.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Kind">federated, training, bandit or game.</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The run seed.</param>
/// <param name="GitCommit">The commit checked out where the run started, if in a git checkout.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="EndedAt">When it ended (UTC); null while running, or when the process died.</param>
/// <param name="Status">running, completed, failed or cancelled.</param>
/// <param name="Failure">Why it failed, if it did.</param>
/// <param name="HeadlineMetric">The metric <c>runs list</c> shows.</param>
/// <param name="HeadlineValue">Its final value (the lowest over series when the run has several, e.g. regret per policy).</param>
/// <param name="RunDirectory">The run's folder.</param>
public sealed record RunRecord(string RunId, string Kind, string Scenario, long Seed, string? GitCommit, DateTime StartedAt, DateTime? EndedAt,
    string Status, string? Failure, string HeadlineMetric, double? HeadlineValue, string RunDirectory);
