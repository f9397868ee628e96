using System.Diagnostics;
using ActorLab.Host.Tests.Support;
using ActorLab.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>One run is one trace: run → round → client.fit / aggregate / evaluate, across actor boundaries.</summary>
[Collection(SpanCollection.Name)]
public sealed class SpanTreeTests() : TempDirectoryTest("spans")
{
    [Fact]
    public async Task Client_fit_spans_are_children_of_their_round_span_in_one_trace()
    {
        var spans = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddSource(ActorLabTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            var summary = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, workers: 2);
            Assert.Equal("completed", summary.Status);
        }

        var run = Assert.Single(spans, s => s.DisplayName == "run");
        Assert.Equal(default, run.ParentSpanId);
        Assert.All(spans, s => Assert.Equal(run.TraceId, s.TraceId));

        var rounds = spans.Where(s => s.DisplayName == "round").ToList();
        Assert.Equal(3, rounds.Count);
        Assert.All(rounds, r => Assert.Equal(run.SpanId, r.ParentSpanId));

        var fits = spans.Where(s => s.DisplayName == "client.fit").ToList();
        Assert.Equal(3 * 5, fits.Count);
        foreach (var fit in fits)
        {
            var parent = Assert.Single(rounds, r => r.SpanId == fit.ParentSpanId);
            Assert.Equal(parent.GetTagItem("actorlab.round"), fit.GetTagItem("actorlab.round"));
        }

        foreach (var name in new[] { "aggregate", "evaluate" })
        {
            var children = spans.Where(s => s.DisplayName == name).ToList();
            Assert.Equal(3, children.Count);
            Assert.All(children, c => Assert.Contains(rounds, r => r.SpanId == c.ParentSpanId));
        }

        // Client spans ran on the trainer threads, not on the server's: the context travelled in the messages.
        Assert.Equal(3 + 1 + 15 + 3 + 3, spans.Count);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SpanCollection
{
    public const string Name = "spans";
}
