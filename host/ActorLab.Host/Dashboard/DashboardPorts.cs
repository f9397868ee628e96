namespace ActorLab.Host.Dashboard;

/// <summary>The loopback ports of the dashboard: web UI and API, OTLP/gRPC, OTLP/HTTP.</summary>
/// <param name="Ui">Web UI and <c>/api/telemetry/*</c>.</param>
/// <param name="OtlpGrpc">OTLP over gRPC.</param>
/// <param name="OtlpHttp">OTLP over HTTP (http/protobuf).</param>
public sealed record DashboardPorts(int Ui = 18888, int OtlpGrpc = 4317, int OtlpHttp = 4318);
