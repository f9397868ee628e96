using System.Diagnostics;
using ActorLab.Contracts.Federated;
using ActorLab.Host.Federated.Faults;
using ActorLab.Host.Federated.Privacy;
using ActorLab.Host.Scenarios;
using ActorLab.Telemetry;

namespace ActorLab.Host.Federated;

/// <summary>
/// The aggregation step of a federated round, without actors. As in Flower, a round with fewer than clients.minFit
/// updates, or with any failure when clients.acceptFailures is off, is skipped (the old global model stays). Otherwise,
/// in an <c>aggregate</c> span: client-level privacy clips the updates, the strategy aggregates them (in client-id order,
/// within clients.callTimeoutSeconds), privacy adds its noise, and a result with a NaN or infinity ends the run.
/// The strategy and the privacy wrapper keep their state across rounds; one instance per server.
/// </summary>
/// <param name="strategy">The run's strategy.</param>
/// <param name="strategyName">Its name in the scenario, for reports and the span.</param>
/// <param name="clients">The scenario's client settings (minFit, acceptFailures, callTimeoutSeconds, total).</param>
/// <param name="privacy">Client-level differential privacy, or null.</param>
/// <param name="seed">The run seed, passed to the strategy.</param>
/// <param name="parameterShapes">The shape of each parameter tensor, for strategies that work per layer.</param>
public sealed class RoundAggregation(IAggregationStrategy strategy, string strategyName, ClientSettings clients, ClientLevelPrivacy? privacy, int seed,
    IReadOnlyList<long[]> parameterShapes)
{
    /// <summary>Why a round with <paramref name="updates"/> usable updates and <paramref name="failures"/> failed or dropped clients is not aggregated; null when it is.</summary>
    public static string? SkipReason(int updates, int failures, ClientSettings clients) =>
        updates < clients.MinFit ? $"{updates} update(s), fewer than clients.minFit ({clients.MinFit})"
        : !clients.AcceptFailures && failures > 0 ? $"{failures} client(s) failed or dropped and clients.acceptFailures is false"
        : null;

    /// <summary>Aggregates round <paramref name="round"/>, or says why not.</summary>
    /// <param name="round">1-based round.</param>
    /// <param name="global">The current global parameters (not modified).</param>
    /// <param name="updates">The round's usable updates, in client-id order.</param>
    /// <param name="sampled">Clients sampled this round, failed and dropped ones included.</param>
    /// <param name="failures">Sampled clients that failed or were dropped.</param>
    /// <param name="parent">The round span's context, parent of the <c>aggregate</c> span.</param>
    public RoundAggregationResult Aggregate(int round, float[] global, IReadOnlyList<ClientUpdate> updates, int sampled, int failures, ActivityContext parent)
    {
        if (SkipReason(updates.Count, failures, clients) is { } skipped)
        {
            return new RoundAggregationResult.Skipped(skipped);
        }

        using var aggregate = ActorLabTelemetry.Source.StartActivity("aggregate", ActivityKind.Internal, parent);
        aggregate?.SetTag("actorlab.strategy", strategyName);
        aggregate?.SetTag("actorlab.updates", updates.Count);
        var context = new AggregationContext(round, seed)
        {
            TotalClients = clients.Total,
            SampledClients = sampled,
            ParameterShapes = parameterShapes,
        };
        var clipNorm = privacy?.ClipNorm;
        (IReadOnlyList<ClientUpdate> toAggregate, int unclipped) = privacy is null ? (updates, updates.Count) : privacy.Clip(global, updates);
        var limit = clients.CallTimeoutSeconds;
        if (!PluginCall.TryRun(() => strategy.Aggregate(context, global, toAggregate), TimeSpan.FromSeconds(limit), out var next))
        {
            return new RoundAggregationResult.Failed(
                $"round {round}: strategy '{strategyName}' did not return from Aggregate within {limit} s (clients.callTimeoutSeconds); its thread is abandoned", TimedOut: true);
        }

        privacy?.AddNoise(next, round, sampled, unclipped);
        return InjectedFaults.AllFinite(next)
            ? new RoundAggregationResult.Aggregated(next, clipNorm)
            : new RoundAggregationResult.Failed($"round {round}: strategy '{strategyName}' produced non-finite parameters", TimedOut: false);
    }
}
