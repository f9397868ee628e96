using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorLab.Host.Dashboard;

/// <summary>
/// The standalone Aspire dashboard (package Aspire.Dashboard.Sdk.linux-x64, restored by the build) as a child process on
/// loopback: an OTLP receiver (gRPC and HTTP) with a web UI and a JSON API (<c>/api/telemetry/traces</c>). Anonymous
/// access: it listens on 127.0.0.1 only. Dispose stops it.
/// </summary>
public sealed class AspireDashboard : IDisposable
{
    /// <summary>The file next to actorlab.dll into which the build writes the dashboard program's path.</summary>
    public const string PathFile = "aspire-dashboard.path";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private AspireDashboard(Process process, DashboardPorts ports)
    {
        _process = process;
        Ports = ports;
    }

    /// <summary>The ports it listens on.</summary>
    public DashboardPorts Ports { get; }

    /// <summary>The web UI and API.</summary>
    public Uri Url => new($"http://127.0.0.1:{Ports.Ui}");

    /// <summary>The OTLP/gRPC endpoint.</summary>
    public string OtlpGrpcEndpoint => $"http://127.0.0.1:{Ports.OtlpGrpc}";

    /// <summary>The OTLP/HTTP endpoint (http/protobuf).</summary>
    public string OtlpHttpEndpoint => $"http://127.0.0.1:{Ports.OtlpHttp}";

    /// <summary>True once the program has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The dashboard program, from <see cref="PathFile"/> in <paramref name="programDirectory"/> (default: this
    /// assembly's folder); throws <see cref="DashboardNotFoundException"/> saying how to restore it.
    /// </summary>
    public static string Locate(string? programDirectory = null)
    {
        programDirectory ??= AppContext.BaseDirectory;
        var pathFile = Path.Combine(programDirectory, PathFile);
        if (!File.Exists(pathFile))
        {
            throw new DashboardNotFoundException($"{pathFile} is missing: the build writes it. Build ActorLab (`dotnet build ActorLab.sln`) to restore the Aspire dashboard package.");
        }

        var program = File.ReadAllText(pathFile).Trim();
        if (!File.Exists(program))
        {
            throw new DashboardNotFoundException(
                $"the Aspire dashboard is not at {program} (named in {pathFile}): run `dotnet restore ActorLab.sln` (or `dotnet build`) to download the Aspire.Dashboard.Sdk.linux-x64 package into the NuGet folder.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(program) & UnixFileMode.UserExecute) == 0)
        {
            throw new DashboardNotFoundException($"{program} is not executable: run `chmod u+x {program}`.");
        }

        return program;
    }

    /// <summary>Starts <paramref name="program"/> on <paramref name="ports"/> and waits until <c>/health</c> answers.</summary>
    public static async Task<AspireDashboard> StartAsync(string program, DashboardPorts ports, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // A port taken by another program would answer our health check for it.
        foreach (var port in new[] { ports.Ui, ports.OtlpGrpc, ports.OtlpHttp })
        {
            EnsureFree(port);
        }

        var start = new ProcessStartInfo(program)
        {
            // Its web assets are found relative to the working directory.
            WorkingDirectory = Path.GetDirectoryName(program)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports.Ui}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{ports.OtlpGrpc}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{ports.OtlpHttp}";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        // Our own exporter settings are not the dashboard's.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        var dashboard = new AspireDashboard(Process.Start(start)!, ports);
        dashboard._process.OutputDataReceived += (_, e) => dashboard.Keep(e.Data);
        dashboard._process.ErrorDataReceived += (_, e) => dashboard.Keep(e.Data);
        dashboard._process.BeginOutputReadLine();
        dashboard._process.BeginErrorReadLine();
        try
        {
            await dashboard.WaitUntilHealthyAsync(timeout, cancellationToken);
            return dashboard;
        }
        catch
        {
            dashboard.Dispose();
            throw;
        }
    }

    private static void EnsureFree(int port)
    {
        var probe = new TcpListener(IPAddress.Loopback, port);
        try
        {
            probe.Start();
        }
        catch (SocketException)
        {
            throw new DashboardPortInUseException(port);
        }
        finally
        {
            probe.Stop();
        }
    }

    /// <summary>What the program printed so far (for error reports).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Returns when the program exits.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the Aspire dashboard exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/health"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow answer while it starts.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"the Aspire dashboard did not answer {Url}health within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    /// <summary>Stops the program (and anything it started).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
