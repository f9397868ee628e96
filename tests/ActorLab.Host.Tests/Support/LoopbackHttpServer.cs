using System.Net;
using System.Net.Sockets;

namespace ActorLab.Host.Tests.Support;

/// <summary>An HTTP server for tests on 127.0.0.1 and a free port, answering each request with <see cref="HandleAsync"/>. Stopped by Dispose.</summary>
public abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private Task _loop = Task.CompletedTask;

    protected LoopbackHttpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
    }

    public int Port { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>Starts listening (call at the end of the derived constructor, once its state is ready).</summary>
    protected void Start()
    {
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Answers one request and closes the response.</summary>
    protected abstract Task HandleAsync(HttpListenerContext context);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }
}
