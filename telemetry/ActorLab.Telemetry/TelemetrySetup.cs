using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ActorLab.Telemetry;

/// <summary>
/// Turns on export according to the standard OTel environment variables: with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or the traces/metrics-specific variant) set, spans and metrics go out
/// by OTLP (protocol, headers and service name from the usual <c>OTEL_*</c> variables); with none set,
/// nothing is exported and nothing leaves the process. Every span passes <see cref="SecretRedactionProcessor"/> before
/// the exporter, with the OTLP header values among the <see cref="SecretValues"/>.
/// </summary>
public sealed class TelemetrySetup : IDisposable
{
    private readonly TracerProvider? _tracerProvider;
    private readonly MeterProvider? _meterProvider;

    private TelemetrySetup(TracerProvider? tracerProvider, MeterProvider? meterProvider)
    {
        _tracerProvider = tracerProvider;
        _meterProvider = meterProvider;
    }

    /// <summary>The variables that hold the OTLP exporters' headers (credentials such as <c>Authorization=Bearer ...</c>).</summary>
    public static readonly IReadOnlyList<string> OtlpHeaderVariables =
        ["OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "OTEL_EXPORTER_OTLP_LOGS_HEADERS"];

    /// <summary>True when spans are exported.</summary>
    public bool ExportsTraces => _tracerProvider is not null;

    /// <summary>True when metrics are exported.</summary>
    public bool ExportsMetrics => _meterProvider is not null;

    /// <summary>Sets up exporters from the environment.</summary>
    public static TelemetrySetup FromEnvironment(Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        bool Has(string name) => !string.IsNullOrWhiteSpace(getEnvironment(name));
        var common = Has("OTEL_EXPORTER_OTLP_ENDPOINT");
        var traces = (common || Has("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) && getEnvironment("OTEL_TRACES_EXPORTER") != "none";
        var metrics = (common || Has("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")) && getEnvironment("OTEL_METRICS_EXPORTER") != "none";
        foreach (var headers in OtlpHeaderVariables)
        {
            SecretValues.AddOtlpHeaders(getEnvironment(headers)); // credentials for the collector: never in what is sent to it
        }

        // OTEL_SERVICE_NAME, read by the default resource, wins over our default name.
        var resource = ResourceBuilder.CreateDefault();
        if (!Has("OTEL_SERVICE_NAME"))
        {
            resource.AddService("actorlab", serviceVersion: ActorLabTelemetry.Version);
        }

        var tracerProvider = traces
            ? Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(ActorLabTelemetry.Name)
                .AddProcessor(new SecretRedactionProcessor())
                .AddOtlpExporter()
                .Build()
            : null;
        var meterProvider = metrics
            ? Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(ActorLabTelemetry.Name)
                .AddOtlpExporter()
                .Build()
            : null;
        return new TelemetrySetup(tracerProvider, meterProvider);
    }

    /// <summary>
    /// Serves the ActorLab meter's metrics for Prometheus to scrape at <c>http://127.0.0.1:<paramref name="port"/>/metrics</c>
    /// until disposed (loopback only: the endpoint has no authentication). Independent of the OTLP export.
    /// </summary>
    /// <exception cref="InvalidOperationException">The port cannot be listened on (in use, or not permitted).</exception>
    public static TelemetrySetup ServePrometheus(int port)
    {
        try
        {
            var meterProvider = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("actorlab", serviceVersion: ActorLabTelemetry.Version))
                .AddMeter(ActorLabTelemetry.Name)
                .AddPrometheusHttpListener(options =>
                {
                    options.Host = "127.0.0.1";
                    options.Port = port;
                })
                .Build();
            return new TelemetrySetup(null, meterProvider);
        }
        catch (Exception ex) when (ex is System.Net.HttpListenerException or InvalidOperationException)
        {
            throw new InvalidOperationException($"--prometheus-port {port}: cannot serve metrics on {PrometheusUri(port)} ({ex.GetBaseException().Message}); pick a free port", ex);
        }
    }

    /// <summary>The scrape endpoint's address.</summary>
    public static string PrometheusUri(int port) => $"http://127.0.0.1:{port}/metrics";

    /// <summary>Flushes and shuts the exporters down (the last spans and metrics go out here).</summary>
    public void Dispose()
    {
        _tracerProvider?.ForceFlush(5000);
        _meterProvider?.ForceFlush(5000);
        _tracerProvider?.Dispose();
        _meterProvider?.Dispose();
    }
}
