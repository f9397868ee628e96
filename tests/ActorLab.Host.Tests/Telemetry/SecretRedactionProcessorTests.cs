using System.Diagnostics;
using ActorLab.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace ActorLab.Host.Tests.Telemetry;

/// <summary>
/// <see cref="SecretRedactionProcessor"/> masks known secrets everywhere in a span an exporter gets (name, status,
/// attributes, events with their exception messages and stack traces) and leaves everything else as it was.
/// </summary>
public sealed class SecretRedactionProcessorTests
{
    private readonly string _secret = $"sec-{Guid.NewGuid():N}";

    [Fact]
    public void Name_status_attributes_and_events_reach_the_exporter_masked_and_otherwise_unchanged()
    {
        SecretValues.Add(_secret);
        SecretValues.Add("ab1"); // too short to be a secret: left alone
        SecretValues.Add("test"); // a placeholder key (local model servers): masking it would mangle "test_loss"
        var sourceName = $"ActorLab.Tests.{Guid.NewGuid():N}";
        using var source = new ActivitySource(sourceName);
        var exported = new List<Activity>();
        using (var provider = Sdk.CreateTracerProviderBuilder().AddSource(sourceName).AddProcessor(new SecretRedactionProcessor()).AddInMemoryExporter(exported).Build())
        {
            using var span = source.StartActivity($"call {_secret}")!;
            span.SetTag("plain", "ab1 stays");
            span.SetTag("metric", "test_loss");
            span.SetTag("number", 42);
            span.SetTag("reply", $"401: Bearer {_secret}");
            span.AddTag("repeated", $"first {_secret}");
            span.AddTag("repeated", $"second {_secret}");
            span.SetTag("list", new[] { "ok", $"key={_secret}" });
            span.AddEvent(new ActivityEvent("fallback", tags: new ActivityTagsCollection { ["reason"] = $"server said {_secret}", ["round"] = 3L }));
            span.AddException(new InvalidOperationException($"HTTP 401: {_secret}"));
            span.SetStatus(ActivityStatusCode.Error, $"refused {_secret}");
        }

        var activity = Assert.Single(exported);
        Assert.Equal("call ***", activity.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("refused ***", activity.StatusDescription);
        Assert.Equal("ab1 stays", activity.GetTagItem("plain"));
        Assert.Equal("test_loss", activity.GetTagItem("metric"));
        Assert.Equal(42, activity.GetTagItem("number"));
        Assert.Equal("401: Bearer ***", activity.GetTagItem("reply"));
        Assert.Equal(["first ***", "second ***"], activity.TagObjects.Where(t => t.Key == "repeated").Select(t => t.Value));
        Assert.Equal(new[] { "ok", "key=***" }, (string[])activity.GetTagItem("list")!);

        var events = activity.Events.ToList();
        Assert.Equal(["fallback", "exception"], events.Select(e => e.Name));
        Assert.Equal("server said ***", events[0].Tags.Single(t => t.Key == "reason").Value);
        Assert.Equal(3L, events[0].Tags.Single(t => t.Key == "round").Value);
        var exception = events[1].Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("HTTP 401: ***", exception["exception.message"]);
        Assert.Equal(typeof(InvalidOperationException).FullName, exception["exception.type"]);
        Assert.Contains("HTTP 401: ***", (string)exception["exception.stacktrace"]!);
        Assert.DoesNotContain(events.SelectMany(e => e.Tags), t => t.Value is string s && s.Contains(_secret, StringComparison.Ordinal));
    }
}
