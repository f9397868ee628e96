using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorLab.Host.Cli;
using ActorLab.Host.Dashboard;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Telemetry;

/// <summary>`actorlab dashboard` and `actorlab run --otlp`, as a user types them.</summary>
public sealed class DashboardCommandTests() : TempDirectoryTest("dashboard-cli")
{
    [SkippableTheory]
    [InlineData("INT")]  // Ctrl+C
    [InlineData("TERM")] // kill, a service manager
    public async Task Dashboard_prints_its_url_and_the_otlp_hint_answers_health_and_stops_with_its_child_on_ctrl_c_or_sigterm(string signal)
    {
        // A process started with SIGINT ignored (a background job of a script) passes that on: Ctrl+C cannot reach it.
        Skip.If(signal == "INT" && SignalDisposition.SigIntIgnored(), "this test process ignores SIGINT, and so would actorlab");

        var ports = FreeLoopbackPorts.Take(3);
        var (ui, grpc, http) = (ports[0], ports[1], ports[2]);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Repo.HostDll, "dashboard", "--port", $"{ui}", "--otlp-grpc-port", $"{grpc}", "--otlp-http-port", $"{http}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var lines = new List<string>();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
            {
                while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    lines.Add(line);
                    if (line.Contains("Ctrl+C", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }

            var output = string.Join('\n', lines);
            Assert.Contains($"Aspire dashboard: http://127.0.0.1:{ui}/", output);
            Assert.Contains($"--otlp http://127.0.0.1:{grpc}", output);
            using var client = new HttpClient();
            Assert.Equal("Healthy", await client.GetStringAsync($"http://127.0.0.1:{ui}/health"));

            // bash's kill builtin: no procps needed.
            using (var interrupt = Process.Start("bash", ["-c", $"kill -{signal} {process.Id}"]))
            {
                interrupt.WaitForExit();
                Assert.Equal(0, interrupt.ExitCode);
            }

            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), $"actorlab dashboard did not stop on SIG{signal}");
            Assert.Equal(0, process.ExitCode); // SIGTERM stops the command like Ctrl+C: a normal end
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync($"http://127.0.0.1:{ui}/health")); // the child is gone
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        _ = await stderr;
    }

    [Fact]
    public void A_missing_dashboard_is_reported_with_how_to_restore_it()
    {
        var missingFile = Assert.Throws<DashboardNotFoundException>(() => AspireDashboard.Locate(Dir));
        Assert.Contains(AspireDashboard.PathFile, missingFile.Message);
        Assert.Contains("dotnet build", missingFile.Message);

        File.WriteAllText(Path.Combine(Dir, AspireDashboard.PathFile), Path.Combine(Dir, "nowhere", "Aspire.Dashboard"));
        var missingProgram = Assert.Throws<DashboardNotFoundException>(() => AspireDashboard.Locate(Dir));
        Assert.Contains(Path.Combine(Dir, "nowhere", "Aspire.Dashboard"), missingProgram.Message);
        Assert.Contains("dotnet restore", missingProgram.Message);
        Assert.Contains("Aspire.Dashboard.Sdk.linux-x64", missingProgram.Message);
    }

    [Fact]
    public void A_port_in_use_is_reported_with_the_option_that_chooses_another()
    {
        var ports = FreeLoopbackPorts.Take(3);
        var taken = new TcpListener(IPAddress.Loopback, ports[1]);
        taken.Start();
        try
        {
            var result = Support.Cli.Run(Dir, null, "dashboard", "--port", $"{ports[0]}", "--otlp-grpc-port", $"{ports[1]}", "--otlp-http-port", $"{ports[2]}");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"port {ports[1]} on 127.0.0.1 is already in use", result.Stderr);
            Assert.Contains("--otlp-grpc-port", result.Stderr);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public void The_otlp_flag_takes_an_optional_url_and_picks_the_protocol_from_the_port_or_the_variable()
    {
        Assert.Null(OtlpOption.Find(["run", "a.json"]));
        Assert.Equal(OtlpOption.DefaultEndpoint, OtlpOption.Find(["run", "a.json", "--otlp"]));
        Assert.Equal(OtlpOption.DefaultEndpoint, OtlpOption.Find(["run", "--otlp", "--json"]));
        Assert.Equal("http://collector:4317", OtlpOption.Find(["run", "a.json", "--otlp", "http://collector:4317", "--json"]));
        Assert.Equal("http://collector:4318", OtlpOption.Find(["run", "--otlp=http://collector:4318"]));

        Assert.Equal("grpc", OtlpOption.ProtocolFor(new Uri("http://127.0.0.1:4317"), null));
        Assert.Equal("http/protobuf", OtlpOption.ProtocolFor(new Uri("http://127.0.0.1:4318"), null));
        Assert.Equal("http/protobuf", OtlpOption.ProtocolFor(new Uri("http://127.0.0.1:9000"), "http/protobuf"));
        Assert.Equal("grpc", OtlpOption.ProtocolFor(new Uri("http://127.0.0.1:4318"), "grpc"));
    }

    [Fact]
    public void An_otlp_value_that_is_not_a_url_is_a_usage_error_naming_the_option()
    {
        var result = Support.Cli.Run(Repo.Root, null, "run", "--otlp", "scenarios/quickstart.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--otlp needs an http:// or https:// URL", result.Stderr);
        Assert.Contains("'scenarios/quickstart.json'", result.Stderr);
    }
}
