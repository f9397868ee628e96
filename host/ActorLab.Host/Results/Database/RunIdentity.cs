namespace ActorLab.Host.Results.Database;

/// <summary>What the <c>runs</c> table knows of a run when it starts.</summary>
/// <param name="RunId">The run's id (its folder's name).</param>
/// <param name="Kind">federated, training, bandit or game.</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The run seed.</param>
/// <param name="HeadlineMetric">The metric <c>runs list</c> shows (its final value).</param>
/// <param name="RunDirectory">The run's folder.</param>
public sealed record RunIdentity(string RunId, string Kind, string Scenario, int Seed, string HeadlineMetric, string RunDirectory);
