namespace ActorLab.Host.Results.Database;

/// <summary>One sampled client's outcome in one federated round (a row of the <c>client_metrics</c> table).</summary>
/// <param name="Round">The round.</param>
/// <param name="Outcome">What became of the client.</param>
public sealed record ClientMetricRow(int Round, Federated.ClientOutcome Outcome);
