namespace ActorLab.Host.Federated;

/// <summary>What <see cref="RoundAggregation"/> made of a round: a new global model, a skipped round, or the end of the run.</summary>
public abstract record RoundAggregationResult
{
    private RoundAggregationResult()
    {
    }

    /// <summary>The strategy's aggregate (noised when privacy is on) is the new global model.</summary>
    /// <param name="Global">The new global parameters.</param>
    /// <param name="ClipNorm">The clipping norm this round used, when differential privacy is on.</param>
    public sealed record Aggregated(float[] Global, double? ClipNorm) : RoundAggregationResult;

    /// <summary>The round keeps the old global model (clients.minFit, clients.acceptFailures).</summary>
    /// <param name="Reason">Why, as clients.csv and the round span say it.</param>
    public sealed record Skipped(string Reason) : RoundAggregationResult;

    /// <summary>The strategy hung or produced non-finite parameters: the run ends with <paramref name="Reason"/>.</summary>
    /// <param name="Reason">The run's failure, naming the round and the strategy.</param>
    /// <param name="TimedOut">True when the strategy did not return within clients.callTimeoutSeconds.</param>
    public sealed record Failed(string Reason, bool TimedOut) : RoundAggregationResult;
}
