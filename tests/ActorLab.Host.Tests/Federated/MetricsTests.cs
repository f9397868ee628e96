using ActorLab.Host.Tests.Support;
using ActorLab.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>The ActorLab meter records what the run did.</summary>
[Collection(SpanCollection.Name)]
public sealed class MetricsTests() : TempDirectoryTest("metrics")
{
    [Fact]
    public async Task Rounds_updates_loss_accuracy_and_duration_are_recorded()
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(ActorLabTelemetry.Name).AddInMemoryExporter(exported).Build();
        var summary = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, workers: 2);
        provider.ForceFlush();

        // Read the points while the provider is alive: the in-memory exporter does not copy them.
        Assert.Equal(3, exported.Where(m => m.Name == "actorlab.rounds.completed").SelectMany(Points).Sum(p => p.GetSumLong()));
        Assert.Equal(15, exported.Where(m => m.Name == "actorlab.client.updates").SelectMany(Points).Sum(p => p.GetSumLong()));
        var accuracy = Points(exported.Last(m => m.Name == "actorlab.test.accuracy")).Single().GetGaugeLastValueDouble();
        Assert.Equal(summary.FinalAccuracy!.Value, accuracy, 10);
        var trainLoss = Points(exported.Last(m => m.Name == "actorlab.train.loss")).Single().GetGaugeLastValueDouble();
        Assert.Equal(summary.FinalTrainLoss!.Value, trainLoss, 10);
        Assert.Equal(3, Points(exported.Last(m => m.Name == "actorlab.round.duration")).Sum(p => p.GetHistogramCount()));
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }
}
