namespace ActorLab.Host.Results.Database;

/// <summary>One value of one metric (a row of the <c>metrics</c> table).</summary>
/// <param name="Step">Where on the curve: the round (federated), epoch or optimizer step (training), checkpoint step (bandit, game).</param>
/// <param name="Metric">The metric's name, as in the run folder's CSV header.</param>
/// <param name="Value">Its value.</param>
/// <param name="Epoch">The epoch, for training rows.</param>
/// <param name="Repetition">The repetition, where a row belongs to one.</param>
/// <param name="Series">The policy or agent, where the run has several curves of the same metric.</param>
public sealed record MetricRow(long Step, string Metric, double Value, int? Epoch = null, int? Repetition = null, string? Series = null);
