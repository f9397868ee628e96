using System.Diagnostics;
using ActorLab.Contracts.Federated;
using ActorLab.Host.Federated;
using ActorLab.Host.Federated.Privacy;
using ActorLab.Host.Scenarios;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>A round's aggregation without actors: skip policy, privacy around the strategy, its time limit, the finite check.</summary>
public sealed class RoundAggregationTests
{
    private static readonly ClientSettings Clients = new(Total: 10, PerRound: 4, MinFit: 2);
    private static readonly float[] Global = [0f, 0f, 0f];

    private static List<ClientUpdate> Updates() =>
    [
        new(1, [1f, 2f, 3f], 10, 0.5),
        new(4, [3f, -2f, 1f], 30, 0.7),
        new(7, [-1f, 0f, 5f], 20, 0.9),
    ];

    /// <summary>A strategy that records what it was given and returns a fixed answer (or blocks until released).</summary>
    private sealed class RecordingStrategy(Func<float[]> answer, ManualResetEventSlim? gate = null) : IAggregationStrategy
    {
        public List<(AggregationContext Context, float[] Global, IReadOnlyList<ClientUpdate> Updates)> Calls { get; } = [];

        public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
        {
            Calls.Add((context, global.ToArray(), updates));
            gate?.Wait(TimeSpan.FromSeconds(30));
            return answer();
        }
    }

    private static RoundAggregation Aggregation(IAggregationStrategy strategy, ClientSettings? clients = null, ClientLevelPrivacy? privacy = null) =>
        new(strategy, "recording", clients ?? Clients, privacy, seed: 9, parameterShapes: [[3]]);

    [Fact]
    public void Skip_reason_follows_min_fit_then_accept_failures()
    {
        Assert.Equal("1 update(s), fewer than clients.minFit (2)", RoundAggregation.SkipReason(1, 0, Clients));
        Assert.Null(RoundAggregation.SkipReason(2, 3, Clients)); // failures are accepted by default
        var strict = Clients with { AcceptFailures = false };
        Assert.Equal("3 client(s) failed or dropped and clients.acceptFailures is false", RoundAggregation.SkipReason(2, 3, strict));
        Assert.Null(RoundAggregation.SkipReason(2, 0, strict));
        Assert.Equal("0 update(s), fewer than clients.minFit (2)", RoundAggregation.SkipReason(0, 3, strict)); // minFit is checked first
    }

    [Fact]
    public void The_strategy_gets_the_round_context_and_the_updates_in_the_order_given()
    {
        var strategy = new RecordingStrategy(() => [1f, 1f, 1f]);
        var updates = Updates();
        var result = Aggregation(strategy).Aggregate(3, Global, updates, sampled: 4, failures: 1, default);

        var aggregated = Assert.IsType<RoundAggregationResult.Aggregated>(result);
        Assert.Equal([1f, 1f, 1f], aggregated.Global);
        Assert.Null(aggregated.ClipNorm);
        var call = Assert.Single(strategy.Calls);
        Assert.Equal(new AggregationContext(3, 9) { TotalClients = 10, SampledClients = 4, ParameterShapes = call.Context.ParameterShapes }, call.Context);
        Assert.Equal([3L], Assert.Single(call.Context.ParameterShapes));
        Assert.Equal(Global, call.Global);
        Assert.Equal(updates, call.Updates); // unclipped: the very updates, in their order
    }

    [Fact]
    public void A_skipped_round_does_not_call_the_strategy()
    {
        var strategy = new RecordingStrategy(() => [1f, 1f, 1f]);
        var result = Aggregation(strategy, Clients with { MinFit = 4 }).Aggregate(1, Global, Updates(), sampled: 4, failures: 1, default);
        Assert.Equal(new RoundAggregationResult.Skipped("3 update(s), fewer than clients.minFit (4)"), result);
        Assert.Empty(strategy.Calls);
    }

    [Fact]
    public void A_strategy_that_does_not_return_in_time_ends_the_run()
    {
        using var gate = new ManualResetEventSlim();
        var strategy = new RecordingStrategy(() => [1f, 1f, 1f], gate);
        var clock = Stopwatch.StartNew();
        var result = Aggregation(strategy, Clients with { CallTimeoutSeconds = 0.2 }).Aggregate(5, Global, Updates(), 4, 0, default);
        gate.Set();

        Assert.Equal(new RoundAggregationResult.Failed(
            "round 5: strategy 'recording' did not return from Aggregate within 0.2 s (clients.callTimeoutSeconds); its thread is abandoned", TimedOut: true), result);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.15, 10);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_parameters_end_the_run(float bad)
    {
        var result = Aggregation(new RecordingStrategy(() => [0f, bad, 0f])).Aggregate(2, Global, Updates(), 4, 0, default);
        Assert.Equal(new RoundAggregationResult.Failed("round 2: strategy 'recording' produced non-finite parameters", TimedOut: false), result);
    }

    /// <summary>Clip, aggregate, noise, in that order: the same steps by hand on a twin privacy wrapper give the same bits.</summary>
    [Fact]
    public void Privacy_clips_before_and_noises_after_the_strategy()
    {
        var settings = new PrivacySettings(NoiseMultiplier: 0.3, ClipNorm: 2.0, Clipping: "adaptive");
        var privacy = new ClientLevelPrivacy(settings, seed: 9, totalClients: 10, perRound: 4);
        var twin = new ClientLevelPrivacy(settings, seed: 9, totalClients: 10, perRound: 4);
        var strategy = new RecordingStrategy(() => [0.5f, -0.5f, 0.25f]);
        var updates = Updates();

        var result = Assert.IsType<RoundAggregationResult.Aggregated>(Aggregation(strategy, privacy: privacy).Aggregate(1, Global, updates, 4, 0, default));

        var (clipped, unclipped) = twin.Clip(Global, updates);
        // The strategy saw the clipped updates.
        Assert.Equal(clipped.Select(u => u.Parameters), Assert.Single(strategy.Calls).Updates.Select(u => u.Parameters));
        Assert.Equal(0, unclipped);
        Assert.All(clipped, u => Assert.True(Math.Sqrt(ParameterMath.SquaredDistance(u.Parameters, Global)) <= 2.0 + 1e-6));
        float[] expected = [0.5f, -0.5f, 0.25f];
        twin.AddNoise(expected, 1, 4, unclipped);
        Assert.Equal(expected, result.Global);
        Assert.Equal(2.0, result.ClipNorm); // the norm this round used, not the adapted one
        Assert.Equal(twin.ClipNorm, privacy.ClipNorm);
        Assert.NotEqual(2.0, privacy.ClipNorm);
    }
}
