using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Federated;
using ActorLab.Host.Scenarios;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>Who trains in a round: the host's seeded draw, or a strategy's pick through <see cref="IClientSelection"/>, checked.</summary>
public sealed class ClientSamplingTests
{
    private static readonly ClientSettings Clients = new(Total: 12, PerRound: 4);

    /// <summary>Averages like FedAvg; <see cref="IClientSelection"/> returns what the test says and keeps the contexts it saw.</summary>
    private sealed class SelectingStrategy(Func<ClientSelectionContext, IReadOnlyList<int>?> select) : IAggregationStrategy, IClientSelection
    {
        public List<ClientSelectionContext> Contexts { get; } = [];

        public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
            ParameterMath.WeightedMean(updates, global.Length);

        public IReadOnlyList<int> SelectClients(ClientSelectionContext context)
        {
            Contexts.Add(context);
            return select(context)!;
        }
    }

    private sealed class PlainStrategy : IAggregationStrategy
    {
        public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) => global.ToArray();
    }

    private static ClientSampling Sampling(IAggregationStrategy strategy, ClientSettings? clients = null, IEnumerable<RoundMetrics>? completed = null) =>
        new(strategy, "picky", clients ?? Clients, seed: 21, sampleCount: id => 100 + id, completed);

    private static RoundMetrics Round(int round, params ClientOutcome[] clients) =>
        new(round, clients.Length, clients.Length, 0, 0, 0, 0, 0, 0) { Clients = clients };

    [Fact]
    public void Client_sampling_is_seeded_distinct_and_sorted()
    {
        var a = ClientSampling.Uniform(100, 20, new Random(4));
        Assert.Equal(a, ClientSampling.Uniform(100, 20, new Random(4)));
        Assert.Equal(20, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.NotEqual(a, ClientSampling.Uniform(100, 20, new Random(5)));
    }

    [Fact]
    public void Without_the_hook_the_round_draws_from_the_server_sample_stream()
    {
        var sampling = Sampling(new PlainStrategy());
        for (var round = 1; round <= 3; round++)
        {
            Assert.True(sampling.TrySelect(round, _ => true, out var clients, out var failure)); // stopped clients are still drawn
            Assert.Null(failure);
            Assert.Equal(ClientSampling.Uniform(12, 4, RandomStreams.Create(21, "server.sample", 0, round)), clients);
        }
    }

    [Fact]
    public void A_selecting_strategy_sees_the_available_clients_the_count_the_rounds_stream_and_the_last_reports()
    {
        var strategy = new SelectingStrategy(c => [9, 2, 5]);
        var sampling = Sampling(strategy);
        sampling.Record(Round(1,
            new ClientOutcome(2, "aggregated", null, 10, 1, 0.75, null),
            new ClientOutcome(3, "failed", "boom", 0, 0, null, null),
            new ClientOutcome(4, "dropped", "non-finite update (train loss NaN)", 10, 1, double.NaN, null)));
        sampling.Record(Round(2, new ClientOutcome(2, "dropped", "straggler", 5, 0.5, 0.5, null)));

        Assert.True(sampling.TrySelect(3, id => id is 0 or 7, out var clients, out var failure));
        Assert.Null(failure);
        Assert.Equal([2, 5, 9], clients); // sorted by the host
        var context = Assert.Single(strategy.Contexts);
        Assert.Equal((3, 21, 4, 12), (context.Round, context.Seed, context.Count, context.TotalClients));
        Assert.Equal([1, 2, 3, 4, 5, 6, 8, 9, 10, 11], context.AvailableClients);
        Assert.Equal(107, context.SampleCount(7));
        Assert.Equal(RandomStreams.Create(21, "server.sample", 0, 3).Next(), context.Random.Next());
        Assert.Equal(new ClientReport(2, 0.5), Assert.Single(context.LastReports).Value); // the latest finite loss only
        Assert.Equal(2, context.LastReports.Keys.Single());
    }

    [Fact]
    public void The_count_is_at_most_the_available_clients()
    {
        var strategy = new SelectingStrategy(c => [c.AvailableClients[0]]);
        Assert.True(Sampling(strategy).TrySelect(1, id => id > 1, out _, out _));
        Assert.Equal(2, strategy.Contexts[0].Count);
    }

    [Fact]
    public void A_resumed_run_rebuilds_the_reports_from_its_journal()
    {
        RoundMetrics[] completed =
        [
            Round(1, new ClientOutcome(1, "aggregated", null, 10, 1, 0.9, null), new ClientOutcome(6, "aggregated", null, 10, 1, 0.4, null)),
            Round(2, new ClientOutcome(1, "aggregated", null, 10, 1, 0.3, null)),
        ];
        var live = Sampling(new SelectingStrategy(c => [1]));
        foreach (var round in completed)
        {
            live.Record(round);
        }

        var resumed = Sampling(new SelectingStrategy(c => [1]), completed: completed);
        Assert.Equal(live.LastReports.OrderBy(r => r.Key), resumed.LastReports.OrderBy(r => r.Key));
        Assert.Equal([new ClientReport(2, 0.3), new ClientReport(1, 0.4)], resumed.LastReports.OrderBy(r => r.Key).Select(r => r.Value));
    }

    [Theory]
    [InlineData(new int[0], "round 2: strategy 'picky' (IClientSelection.SelectClients) selected no client; it must return at least one of the 11 available")]
    [InlineData(new[] { 1, 4, 1 }, "round 2: strategy 'picky' (IClientSelection.SelectClients) selected client 1 twice")]
    [InlineData(new[] { 3, 12 }, "round 2: strategy 'picky' (IClientSelection.SelectClients) selected client 12, which does not exist (ids 0 to 11, clients.total)")]
    [InlineData(new[] { -1 }, "round 2: strategy 'picky' (IClientSelection.SelectClients) selected client -1, which does not exist (ids 0 to 11, clients.total)")]
    [InlineData(new[] { 5 }, "round 2: strategy 'picky' (IClientSelection.SelectClients) selected client 5, which has been stopped after repeated failures (clients.maxConsecutiveFailures)")]
    public void An_unusable_answer_fails_the_round_naming_the_strategy(int[] answer, string expected)
    {
        var sampling = Sampling(new SelectingStrategy(_ => answer));
        Assert.False(sampling.TrySelect(2, id => id == 5, out var clients, out var failure));
        Assert.Equal(expected, failure);
        Assert.Empty(clients);
    }

    [Fact]
    public void A_null_answer_is_no_client()
    {
        Assert.False(Sampling(new SelectingStrategy(_ => null)).TrySelect(1, _ => false, out _, out var failure));
        Assert.Contains("selected no client", failure);
    }

    [Fact]
    public void A_selection_that_does_not_return_in_time_fails_the_round()
    {
        using var gate = new ManualResetEventSlim();
        var sampling = Sampling(new SelectingStrategy(_ => gate.Wait(TimeSpan.FromSeconds(30)) ? [1] : [1]), Clients with { CallTimeoutSeconds = 0.2 });
        Assert.False(sampling.TrySelect(4, _ => false, out _, out var failure));
        gate.Set();
        Assert.Equal("round 4: strategy 'picky' did not return from SelectClients within 0.2 s (clients.callTimeoutSeconds); its thread is abandoned", failure);
    }

    [Fact]
    public void A_strategy_exception_is_the_strategys_own()
    {
        var sampling = Sampling(new SelectingStrategy(_ => throw new InvalidOperationException("no candidates")));
        Assert.Equal("no candidates", Assert.Throws<InvalidOperationException>(() => sampling.TrySelect(1, _ => false, out _, out _)).Message);
    }
}
