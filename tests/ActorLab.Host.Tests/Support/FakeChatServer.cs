using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ActorLab.Host.Tests.Support;

/// <summary>
/// A small OpenAI-compatible chat-completions endpoint on 127.0.0.1 and a free port, inside the test process: it
/// answers POST /v1/chat/completions from a script (an HTTP status, or a reply text) and, once the script is used up,
/// from a fixed policy. Records every request's body and Authorization header. A 401 quotes the request's
/// Authorization header in its error message, as some servers and gateways do. Stopped by Dispose.
/// </summary>
public sealed class FakeChatServer : LoopbackHttpServer
{
    private readonly ConcurrentQueue<(int Status, string? Reply)> _script;
    private readonly Func<string> _policy;

    private readonly bool _rejectsEveryKey;

    public FakeChatServer(IEnumerable<(int Status, string? Reply)> script, Func<string> policy)
        : this(script, policy, rejectsEveryKey: false)
    {
    }

    private FakeChatServer(IEnumerable<(int Status, string? Reply)> script, Func<string> policy, bool rejectsEveryKey)
    {
        _script = new ConcurrentQueue<(int, string?)>(script);
        _policy = policy;
        _rejectsEveryKey = rejectsEveryKey;
        Start();
    }

    /// <summary>A server that answers every request 401, quoting the key it was sent.</summary>
    public static FakeChatServer RejectingEveryKey() => new([], () => "", rejectsEveryKey: true);

    public string Endpoint => $"http://127.0.0.1:{Port}/v1";

    public ConcurrentQueue<(string Body, string? Authorization)> Requests { get; } = new();

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var authorization = context.Request.Headers["Authorization"];
        Requests.Enqueue((await reader.ReadToEndAsync(), authorization));
        var (status, reply) = _rejectsEveryKey ? (401, null) : _script.TryDequeue(out var next) ? next : (200, _policy());
        context.Response.StatusCode = status;
        var body = status == 200
            ? JsonSerializer.Serialize(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 0,
                model = "fake-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = reply }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 100, completion_tokens = 12, total_tokens = 112 },
            })
            : status == 401
                ? JsonSerializer.Serialize(new { error = new { message = $"Incorrect API key provided: {authorization}", type = "invalid_request_error" } })
                : """{"error": {"message": "scripted failure", "type": "server_error"}}""";
        if (status == 429)
        {
            context.Response.AddHeader("Retry-After", "0");
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
