using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Telemetry;

/// <summary>
/// <c>actorlab run --prometheus-port</c> as a user runs it: Debian's <c>prometheus</c> scrapes the endpoint on loopback
/// every second, and its HTTP API answers queries for ActorLab metrics with the run's values.
/// </summary>
public sealed class PrometheusTests() : TempDirectoryTest("prometheus")
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Prometheus_scrapes_the_runs_metrics_and_answers_queries_with_their_final_values()
    {
        var binary = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("prometheus is not installed: run `apt-get install -y prometheus` (.ci/run installs it)");
        var (metricsPort, webPort) = (FreePort(), FreePort());
        var config = Path.Combine(Dir, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: actorlab
                scrape_interval: 1s
                scrape_timeout: 1s
                static_configs:
                  - targets: ["127.0.0.1:{metricsPort}"]
            """);
        var api = $"http://127.0.0.1:{webPort}";
        using var prometheus = StartPrometheus(binary, config, Path.Combine(Dir, "tsdb"), webPort);
        try
        {
            await WaitUntilAsync(async () => (await Http.GetAsync($"{api}/-/ready")).IsSuccessStatusCode, prometheus, "prometheus to be ready");

            var scenario = Path.Combine(Dir, "small.json");
            File.WriteAllText(scenario, SmallRuns.MlpDirichlet);
            // Lingers 5 s after the run, so at least one 1 s scrape sees the final values.
            var run = Support.Cli.Run(Repo.Root, null, "run", scenario, "--json", "--output", Path.Combine(Dir, "runs"),
                "--prometheus-port", metricsPort.ToString(CultureInfo.InvariantCulture), "--prometheus-linger", "5");
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains($"serving metrics on http://127.0.0.1:{metricsPort}/metrics", run.Stderr);

            // The target is gone now, so its series are marked stale: max_over_time still reads every scraped sample.
            Assert.Equal(3, await QueryAsync(api, "max_over_time(actorlab_rounds_completed_total{actorlab_kind=\"federated\",actorlab_scenario=\"small\"}[5m])", prometheus));
            Assert.Equal(15, await QueryAsync(api, "max_over_time(actorlab_client_updates_total{actorlab_scenario=\"small\"}[5m])", prometheus));
            Assert.Equal(15, await QueryAsync(api, "max_over_time(actorlab_messages_sent_total{actorlab_message=\"fit\"}[5m])", prometheus));
            Assert.Equal(3, await QueryAsync(api, "max_over_time(actorlab_round_duration_seconds_count[5m])", prometheus));
        }
        finally
        {
            if (!prometheus.HasExited)
            {
                prometheus.Kill(entireProcessTree: true);
            }

            prometheus.WaitForExit(10_000);
        }
    }

    private static Process StartPrometheus(string binary, string config, string storage, int webPort)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={storage}", $"--web.listen-address=127.0.0.1:{webPort}" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        // Drain its logs so that a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls an instant query until it returns one sample (30 s at most) and returns its value.</summary>
    private static async Task<double> QueryAsync(string api, string query, Process prometheus)
    {
        double? value = null;
        await WaitUntilAsync(async () =>
        {
            using var response = await Http.GetAsync($"{api}/api/v1/query?query={Uri.EscapeDataString(query)}");
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() != 1)
            {
                return false;
            }

            value = double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            return true;
        }, prometheus, $"a sample of {query}");
        return value!.Value;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Process prometheus, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(prometheus.HasExited, $"prometheus exited with code {(prometheus.HasExited ? prometheus.ExitCode : 0)} while waiting for {what}");
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"timed out after 30 s waiting for {what}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
