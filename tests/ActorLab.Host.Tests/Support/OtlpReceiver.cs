using System.Collections.Concurrent;
using System.Net;

namespace ActorLab.Host.Tests.Support;

/// <summary>
/// A minimal OTLP/HTTP receiver on 127.0.0.1 and a free port: records every POST (path, content type, body)
/// and answers 200 with an empty protobuf message. Stopped by Dispose.
/// </summary>
public sealed class OtlpReceiver : LoopbackHttpServer
{
    public OtlpReceiver() => Start();

    public sealed record Request(string Path, string? ContentType, byte[] Body);

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<Request> Requests { get; } = new();

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        Requests.Enqueue(new Request(context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-protobuf";
        context.Response.Close();
    }
}
