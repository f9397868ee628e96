using System.ComponentModel;
using ActorLab.Host.Dashboard;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>
/// <c>actorlab dashboard</c>: starts the Aspire dashboard (restored with the build) on loopback, prints where to point
/// runs, and keeps it up until Ctrl+C.
/// </summary>
public sealed class DashboardCommand : AsyncCommand<DashboardCommand.Settings>
{
    /// <summary>Options of <c>dashboard</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Port of the web UI.</summary>
        [CommandOption("--port <N>")]
        [Description("Port of the web UI and its API on 127.0.0.1. Default: 18888")]
        public int Port { get; init; } = 18888;

        /// <summary>OTLP/gRPC port.</summary>
        [CommandOption("--otlp-grpc-port <N>")]
        [Description("Port that receives OTLP over gRPC. Default: 4317")]
        public int OtlpGrpcPort { get; init; } = 4317;

        /// <summary>OTLP/HTTP port.</summary>
        [CommandOption("--otlp-http-port <N>")]
        [Description("Port that receives OTLP over HTTP (http/protobuf). Default: 4318")]
        public int OtlpHttpPort { get; init; } = 4318;

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            foreach (var (name, port) in new[] { ("--port", Port), ("--otlp-grpc-port", OtlpGrpcPort), ("--otlp-http-port", OtlpHttpPort) })
            {
                if (port is < 1 or > 65535)
                {
                    return ValidationResult.Error($"{name} must be a port between 1 and 65535, got {port}");
                }
            }

            return new[] { Port, OtlpGrpcPort, OtlpHttpPort }.Distinct().Count() == 3
                ? ValidationResult.Success()
                : ValidationResult.Error($"--port, --otlp-grpc-port and --otlp-http-port must differ, got {Port}, {OtlpGrpcPort}, {OtlpHttpPort}");
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string program;
        try
        {
            program = AspireDashboard.Locate();
        }
        catch (DashboardNotFoundException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return InputErrors.ExitCode;
        }

        Console.Error.WriteLine("starting the Aspire dashboard…");
        AspireDashboard dashboard;
        try
        {
            dashboard = await AspireDashboard.StartAsync(program, new DashboardPorts(settings.Port, settings.OtlpGrpcPort, settings.OtlpHttpPort),
                TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (DashboardPortInUseException ex)
        {
            var option = ex.Port == settings.Port ? "--port" : ex.Port == settings.OtlpGrpcPort ? "--otlp-grpc-port" : "--otlp-http-port";
            Console.Error.WriteLine($"error: {ex.Message}: is a dashboard or collector already running? Stop it or choose another port with {option}.");
            return InputErrors.ExitCode;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }

        using (dashboard)
        {
            // Ctrl+C, SIGTERM and SIGHUP cancel the token (StopSignals): the dashboard goes with this process.
            Console.Out.WriteLine($"Aspire dashboard: {dashboard.Url}");
            Console.Out.WriteLine($"OTLP: {dashboard.OtlpGrpcEndpoint} (gRPC), {dashboard.OtlpHttpEndpoint} (http/protobuf)");
            var hint = settings.OtlpGrpcPort == 4317 ? "--otlp" : $"--otlp {dashboard.OtlpGrpcEndpoint}";
            Console.Out.WriteLine($"send a run's traces and metrics here: actorlab run <scenario> {hint}");
            Console.Out.WriteLine("press Ctrl+C to stop");
            try
            {
                await dashboard.WaitForExitAsync(cancellationToken);
                Console.Error.WriteLine($"error: the Aspire dashboard stopped on its own:\n{dashboard.Output}");
                return 1;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }
    }
}
