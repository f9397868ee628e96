using System.Globalization;
using ActorLab.Telemetry;

namespace ActorLab.Host.Cli;

/// <summary>The Prometheus scrape endpoint of <c>--prometheus-port</c>, up for the life of a command's work.</summary>
public static class MetricsEndpoint
{
    /// <summary>
    /// Runs <paramref name="work"/> with the endpoint up (when asked for), then keeps it up <c>--prometheus-linger</c>
    /// seconds. A port that cannot be listened on is an input error (exit code 2), reported before any work starts.
    /// </summary>
    public static async Task<int> ServeWhileAsync(SimulationCommandSettings settings, Func<Task<int>> work, CancellationToken cancellationToken)
    {
        if (settings.PrometheusPort is not { } port)
        {
            return await work();
        }

        TelemetrySetup endpoint;
        try
        {
            endpoint = TelemetrySetup.ServePrometheus(port);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return InputErrors.ExitCode;
        }

        using (endpoint)
        {
            settings.Progress.WriteLine($"serving metrics on {TelemetrySetup.PrometheusUri(port)}");
            var exitCode = await work();
            if (settings.PrometheusLinger > 0 && exitCode != InputErrors.ExitCode)
            {
                settings.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"serving the final metrics for {settings.PrometheusLinger:0.#} s more"));
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(settings.PrometheusLinger), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C ends the lingering; the exit code stands.
                }
            }

            return exitCode;
        }
    }
}
