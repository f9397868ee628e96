using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>The options shared by the commands that run simulations (<c>run</c>, <c>sweep</c>): console and metrics endpoint.</summary>
public abstract class SimulationCommandSettings : CommandSettings
{
    /// <summary>No progress lines.</summary>
    [CommandOption("-q|--quiet")]
    [Description("No progress lines on stderr; errors and the result are still printed")]
    public bool Quiet { get; init; }

    /// <summary>Port of the Prometheus scrape endpoint, if any.</summary>
    [CommandOption("--prometheus-port <PORT>")]
    [Description("Serve the metrics for Prometheus at http://127.0.0.1:PORT/metrics while running")]
    public int? PrometheusPort { get; init; }

    /// <summary>Seconds to keep serving metrics after the work.</summary>
    [CommandOption("--prometheus-linger <SECONDS>")]
    [Description("Keep serving /metrics this many seconds after the end, so a scraper sees the final values. Default: 0")]
    public double PrometheusLinger { get; init; }

    /// <summary>Where progress lines go: stderr, or nowhere with <c>--quiet</c>.</summary>
    public TextWriter Progress => Quiet ? TextWriter.Null : Console.Error;

    /// <summary>Checks the shared options; the command's own checks come before.</summary>
    protected ValidationResult ValidateShared() => this switch
    {
        { PrometheusPort: < 1 or > 65535 } => ValidationResult.Error($"--prometheus-port must be a TCP port (1-65535), got {PrometheusPort}"),
        { PrometheusLinger: < 0 or double.NaN } => ValidationResult.Error($"--prometheus-linger must be 0 or more seconds, got {PrometheusLinger}"),
        { PrometheusLinger: > 0, PrometheusPort: null } => ValidationResult.Error("--prometheus-linger needs --prometheus-port"),
        _ => ValidationResult.Success(),
    };
}
