using System.Text.Json;
using ActorLab.Host.Dashboard;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Telemetry;

/// <summary>
/// Runs export to a real backend, the Aspire dashboard that `actorlab dashboard` starts: a federated run over OTLP/gRPC
/// and an LLM game over http/protobuf, read back through the dashboard's telemetry API.
/// </summary>
public sealed class AspireDashboardTests() : TempDirectoryTest("aspire")
{
    private const string KeyVariable = "ACTORLAB_TEST_LLM_KEY";
    private const string Key = "sk-dashboard-secret-91c4";

    [Fact]
    public async Task Federated_and_game_runs_arrive_as_one_trace_each_with_their_span_tree_attributes_and_errors_and_no_secret()
    {
        var free = FreeLoopbackPorts.Take(3);
        var ports = new DashboardPorts(free[0], free[1], free[2]);
        using var dashboard = await AspireDashboard.StartAsync(AspireDashboard.Locate(Path.GetDirectoryName(Repo.HostDll)), ports, TimeSpan.FromSeconds(90));

        // Federated, over gRPC through --otlp; a crash fault makes some clients fail their round.
        var federated = Path.Combine(Dir, "federated.json");
        File.WriteAllText(federated, SmallRuns.MlpDirichlet.Replace("\"rounds\": 3,", "\"rounds\": 3, \"faults\": { \"crash\": 0.3 },"));
        var federatedRun = Run(new() { ["OTEL_SERVICE_NAME"] = "actorlab-federated" }, "run", federated, "--otlp", dashboard.OtlpGrpcEndpoint);

        // A game with the LLM agent, over http/protobuf (the variable picks the protocol on a port other than 4318).
        using var chat = new FakeChatServer([], () => """{"probabilities": [0.2, 0.3, 0.5]}""");
        var game = Path.Combine(Dir, "game.json");
        File.WriteAllText(game, $$"""
            { "kind": "game", "name": "llm-game", "seed": 1, "sequence": { "name": "iid", "options": { "actions": 3 } },
              "players": [ { "name": "llm", "label": "llm", "options": { "endpoint": "{{chat.Endpoint}}", "model": "fake-model",
                "apiKeyVariable": "{{KeyVariable}}", "maxRetries": 1, "retryDelayMilliseconds": 1, "fallback": "hedge" } } ],
              "rounds": 4, "repetitions": 1, "batchSize": 4, "checkpoints": 1 }
            """);
        var gameRun = Run(new() { ["OTEL_SERVICE_NAME"] = "actorlab-game", ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf", [KeyVariable] = Key },
            "run", game, "--otlp", dashboard.OtlpHttpEndpoint);
        Assert.NotEmpty(chat.Requests);
        Assert.All(chat.Requests, r => Assert.Equal($"Bearer {Key}", r.Authorization)); // the key was in use

        var spans = await ReadSpansAsync(dashboard, s => s.Count(x => x.Name == "run") >= 2);

        var fed = spans.Where(s => s.Service == "actorlab-federated").ToList();
        Assert.Single(fed.Select(s => s.TraceId).Distinct());
        var run = Assert.Single(fed, s => s.Name == "run");
        Assert.Null(run.ParentId);
        Assert.Equal(federatedRun.RunId, run.Attributes["actorlab.run.id"]);
        Assert.Equal("small", run.Attributes["actorlab.scenario"]);
        Assert.Equal("mlp", run.Attributes["actorlab.model"]);
        Assert.Equal("fedavg", run.Attributes["actorlab.strategy"]);
        var rounds = fed.Where(s => s.Name == "round").ToList();
        Assert.Equal(["1", "2", "3"], rounds.Select(r => r.Attributes["actorlab.round"]).Order());
        Assert.All(rounds, r => Assert.Equal(run.SpanId, r.ParentId));
        var roundOf = rounds.ToDictionary(r => r.SpanId, r => r.Attributes["actorlab.round"]);
        var fits = fed.Where(s => s.Name == "client.fit").ToList();
        Assert.Equal(15, fits.Count); // 5 sampled clients x 3 rounds, failed ones included
        Assert.All(fits, f =>
        {
            Assert.Equal(roundOf[f.ParentId!], f.Attributes["actorlab.round"]);
            Assert.InRange(int.Parse(f.Attributes["actorlab.client.id"]), 0, 9);
        });
        var aggregates = fed.Where(s => s.Name == "aggregate").ToList();
        Assert.Equal(3, aggregates.Count);
        Assert.All(aggregates, a => Assert.Contains(a.ParentId!, roundOf.Keys));
        Assert.All(aggregates, a => Assert.Equal("fedavg", a.Attributes["actorlab.strategy"]));
        var failed = fits.Where(f => f.StatusCode == 2).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, f => Assert.Contains($"injected crash of client {f.Attributes["actorlab.client.id"]} in round {f.Attributes["actorlab.round"]}", f.StatusMessage));
        Assert.All(fits.Except(failed), f => Assert.NotEqual(2, f.StatusCode));

        var played = spans.Where(s => s.Service == "actorlab-game").ToList();
        Assert.Single(played.Select(s => s.TraceId).Distinct());
        var gameRunSpan = Assert.Single(played, s => s.Name == "run");
        Assert.Equal(gameRun.RunId, gameRunSpan.Attributes["actorlab.run.id"]);
        Assert.Equal("llm-game", gameRunSpan.Attributes["actorlab.scenario"]);
        Assert.Equal("llm", gameRunSpan.Attributes["actorlab.game.agents"]);
        var repetition = Assert.Single(played, s => s.Name == "game.repetition");
        Assert.Equal(gameRunSpan.SpanId, repetition.ParentId);
        var batches = played.Where(s => s.Name == "game.batch").ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.Equal(repetition.SpanId, b.ParentId));
        var calls = played.Where(s => s.Attributes.GetValueOrDefault("gen_ai.request.model") == "fake-model").ToList();
        Assert.Equal(chat.Requests.Count, calls.Count);
        Assert.All(calls, c => Assert.Contains(c.ParentId!, batches.Select(b => b.SpanId)));

        // No attribute of any span or resource carries the API key.
        Assert.DoesNotContain(spans.SelectMany(s => s.Attributes.Values.Concat(s.ResourceAttributes.Values)), v => v.Contains(Key, StringComparison.Ordinal));
    }

    private sealed record RunOutput(string RunId);

    private RunOutput Run(Dictionary<string, string> environment, params string[] args)
    {
        var result = Support.Cli.Run(Repo.Root, environment, [.. args, "--json", "--output", Path.Combine(Dir, "runs")]);
        Assert.True(result.ExitCode == 0, $"actorlab {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}{result.Stdout}");
        using var summary = JsonDocument.Parse(result.Stdout);
        return new RunOutput(summary.RootElement.GetProperty("runId").GetString()!);
    }


    /// <summary>One span as the dashboard's API returns it (OTLP JSON; attribute values come back as strings).</summary>
    private sealed record Span(string Service, string TraceId, string SpanId, string? ParentId, string Name, int StatusCode, string StatusMessage,
        Dictionary<string, string> Attributes, Dictionary<string, string> ResourceAttributes);

    /// <summary>Polls <c>/api/telemetry/traces</c> until <paramref name="complete"/> holds (the dashboard ingests asynchronously).</summary>
    private static async Task<List<Span>> ReadSpansAsync(AspireDashboard dashboard, Func<List<Span>, bool> complete)
    {
        using var http = new HttpClient();
        var spans = new List<Span>();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            spans = Parse(await http.GetStringAsync(new Uri(dashboard.Url, "/api/telemetry/traces")));
            if (complete(spans))
            {
                return spans;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the dashboard did not show both runs within 10 s; spans: {string.Join(", ", spans.Select(s => $"{s.Service}/{s.Name}"))}");
        return spans;
    }

    private static List<Span> Parse(string json)
    {
        static Dictionary<string, string> Attributes(JsonElement owner) =>
            owner.TryGetProperty("attributes", out var list)
                ? list.EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!,
                    a => a.GetProperty("value").EnumerateObject().Select(v => v.Value.ToString()).FirstOrDefault() ?? "")
                : [];

        using var document = JsonDocument.Parse(json);
        var spans = new List<Span>();
        foreach (var resourceSpans in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var resource = Attributes(resourceSpans.GetProperty("resource"));
            foreach (var span in resourceSpans.GetProperty("scopeSpans").EnumerateArray().SelectMany(s => s.GetProperty("spans").EnumerateArray()))
            {
                var status = span.TryGetProperty("status", out var s) ? s : default;
                spans.Add(new Span(resource.GetValueOrDefault("service.name", ""), span.GetProperty("traceId").GetString()!, span.GetProperty("spanId").GetString()!,
                    span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null, span.GetProperty("name").GetString()!,
                    status.ValueKind == JsonValueKind.Object && status.TryGetProperty("code", out var code) ? code.GetInt32() : 0,
                    status.ValueKind == JsonValueKind.Object && status.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "",
                    Attributes(span), resource));
            }
        }

        return spans;
    }
}
