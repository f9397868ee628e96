using System.Text;
using ActorLab.Host.Tests.Support;
using ActorLab.Telemetry;
using Xunit;

namespace ActorLab.Host.Tests.Telemetry;

/// <summary>Export follows the standard OTEL_* variables; with none set nothing is exported.</summary>
public sealed class OtlpExportTests() : TempDirectoryTest("otlp")
{
    [Fact]
    public void With_no_otel_variables_nothing_is_exported()
    {
        using var setup = TelemetrySetup.FromEnvironment(_ => null);
        Assert.False(setup.ExportsTraces);
        Assert.False(setup.ExportsMetrics);
    }

    [Fact]
    public void Signal_specific_endpoints_and_exporter_none_are_honoured()
    {
        var env = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "http://127.0.0.1:1/v1/traces",
            ["OTEL_METRICS_EXPORTER"] = "none",
        };
        using var setup = TelemetrySetup.FromEnvironment(name => env.GetValueOrDefault(name));
        Assert.True(setup.ExportsTraces);
        Assert.False(setup.ExportsMetrics);
    }

    [Fact]
    public void A_run_sends_its_spans_and_metrics_to_the_otlp_endpoint()
    {
        using var receiver = new OtlpReceiver();
        var scenario = Path.Combine(Dir, "small.json");
        File.WriteAllText(scenario, SmallRuns.MlpDirichlet);
        var result = Support.Cli.Run(Repo.Root, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "actorlab-otlp-test",
        }, "run", scenario, "--json", "--output", Path.Combine(Dir, "runs"));
        Assert.True(result.ExitCode == 0, result.Stderr);

        var traces = receiver.Requests.Where(r => r.Path == "/v1/traces").ToList();
        var metrics = receiver.Requests.Where(r => r.Path == "/v1/metrics").ToList();
        Assert.NotEmpty(traces);
        Assert.NotEmpty(metrics);
        Assert.All(receiver.Requests, r => Assert.Equal("application/x-protobuf", r.ContentType));

        // Protobuf keeps strings verbatim: span names, the source name and the service name are in the bodies.
        var traceText = Encoding.UTF8.GetString(traces.SelectMany(r => r.Body).ToArray());
        foreach (var name in new[] { "run", "round", "client.fit", "aggregate", "evaluate", "ActorLab", "actorlab-otlp-test" })
        {
            Assert.Contains(name, traceText);
        }

        var metricText = Encoding.UTF8.GetString(metrics.SelectMany(r => r.Body).ToArray());
        foreach (var name in new[] { "actorlab.rounds.completed", "actorlab.client.updates", "actorlab.train.loss", "actorlab.test.accuracy", "actorlab.round.duration" })
        {
            Assert.Contains(name, metricText);
        }
    }
}
