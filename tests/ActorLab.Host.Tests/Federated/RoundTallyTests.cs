using ActorLab.Contracts.Federated;
using ActorLab.Host.Federated;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>A round's bookkeeping and its metrics row, without actors.</summary>
public sealed class RoundTallyTests
{
    private static readonly ModelScore Test = new(1.25, 0.75);

    private static RoundTally Tally()
    {
        var tally = new RoundTally();
        tally.Start(4, [1, 2, 5, 6, 8]);
        tally.Sent(400);
        // Replies arrive out of id order.
        tally.Received(new ClientUpdate(5, new float[10], 30, 0.2) { InitialAccuracy = 0.9, Extras = new float[2] }, 60, null);
        tally.Received(new ClientUpdate(1, new float[10], 10, 0.6) { InitialAccuracy = 0.5 }, 20, null);
        tally.Received(new ClientUpdate(6, new float[10], 20, 9.0) { InitialAccuracy = 0.1, CompletedWork = 0.5 }, 10, "straggler");
        tally.Dropped(2, "dropped", "timed out after 3 s (clients.timeoutSeconds)");
        tally.Failed(8, "InvalidOperationException: boom", injected: false);
        return tally;
    }

    [Fact]
    public void Metrics_weigh_train_loss_by_samples_over_the_kept_updates_and_list_every_client_by_id()
    {
        var watch = new ClientWatch.RoundCounts { NonFinite = 1, MessagesDropped = 2, LateReplies = 3, Abandoned = 4 };
        var metrics = Tally().Metrics(aggregated: true, Test, fitSeconds: 1.5, roundSeconds: 2.5, epsilon: 3.0, clipNorm: 0.8, watch);

        Assert.Equal(4, metrics.Round);
        Assert.Equal(5, metrics.ClientsSampled);
        Assert.Equal(2, metrics.ClientsReporting);
        Assert.Equal(90, metrics.TrainSamples);
        Assert.Equal((0.6 * 10 + 0.2 * 30) / 40, metrics.TrainLoss, 12); // the straggler's 9.0 is not in it
        Assert.Equal((1.25, 0.75), (metrics.TestLoss, metrics.TestAccuracy));
        Assert.Equal((1.5, 2.5), (metrics.FitSeconds, metrics.RoundSeconds));
        Assert.True(metrics.Aggregated);
        Assert.Equal(400, metrics.BytesSent);
        Assert.Equal(4L * (10 + 12 + 10), metrics.BytesReceived);
        Assert.Equal(0.5, metrics.ClientAccuracyMean!.Value, 12);
        Assert.Equal(0.1 + 0.2 * (0.5 - 0.1), metrics.ClientAccuracyP10!.Value, 12); // numpy's linear percentile of 0.1, 0.5, 0.9
        Assert.Equal(0.1, metrics.ClientAccuracyMin);
        Assert.Equal((3.0, 0.8), (metrics.Epsilon, metrics.ClipNorm));
        Assert.Equal([1, 2, 5, 6, 8], metrics.Clients.Select(c => c.ClientId));
        Assert.Equal(["aggregated", "dropped", "aggregated", "dropped", "failed"], metrics.Clients.Select(c => c.Status));
        Assert.Equal(new ClientOutcome(6, "dropped", "straggler", 10, 0.5, 9.0, 0.1), metrics.Clients[3]);
        Assert.Equal(1, metrics.TimedOut);
        Assert.Equal((1, 2, 3, 4), (metrics.NonFiniteUpdates, metrics.MessagesDropped, metrics.LateReplies, metrics.AbandonedCalls));
    }

    [Fact]
    public void A_round_not_aggregated_drops_the_kept_clients_with_the_reason_and_reports_none()
    {
        var tally = Tally();
        Assert.Equal(3, tally.Failures);
        tally.NotAggregatedRound("1 client(s) failed or dropped and clients.acceptFailures is false");
        var metrics = tally.Metrics(aggregated: false, Test, 1, 2, null, null, new ClientWatch.RoundCounts());

        Assert.False(metrics.Aggregated);
        Assert.Equal(0, metrics.ClientsReporting);
        Assert.Equal((0.6 * 10 + 0.2 * 30) / 40, metrics.TrainLoss, 12); // still the mean of the updates that came back usable
        Assert.All(metrics.Clients.Where(c => c.ClientId is 1 or 5), c =>
        {
            Assert.Equal("dropped", c.Status);
            Assert.Equal("round not aggregated: 1 client(s) failed or dropped and clients.acceptFailures is false", c.Reason);
        });
        Assert.Equal([1, 2, 5, 6, 8], tally.NotAggregated().Select(o => o.ClientId));
    }

    [Fact]
    public void Updates_come_out_in_client_id_order()
    {
        Assert.Equal([1, 5], Tally().OrderedUpdates().Select(u => u.ClientId));
    }

    [Fact]
    public void Every_client_failing_for_real_ends_the_run_but_injected_crashes_do_not()
    {
        var tally = new RoundTally();
        tally.Start(2, [3, 7]);
        tally.Failed(7, "InvalidOperationException: b", injected: false);
        tally.Failed(3, "InvalidOperationException: a", injected: false);
        Assert.Equal("round 2: no sampled client reported an update (client 3: InvalidOperationException: a; client 7: InvalidOperationException: b)", tally.EveryClientFailed());

        tally.Start(3, [3, 7]);
        Assert.Equal(0, tally.Failures); // a new round starts empty
        tally.Failed(3, "InjectedCrashException: crash", injected: true);
        tally.Failed(7, "InvalidOperationException: b", injected: false);
        Assert.Null(tally.EveryClientFailed());
    }

    [Fact]
    public void Percentile_interpolates_linearly()
    {
        Assert.Equal(2.5, RoundTally.Percentile([1, 2, 3, 4], 0.5));
        Assert.Equal(1.3, RoundTally.Percentile([1, 2, 3, 4], 0.1), 12);
        Assert.Equal(7, RoundTally.Percentile([7], 0.1));
    }
}
