using System.Collections.Concurrent;
using System.Diagnostics;
using ActorLab.Host.Games;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Games;

/// <summary>The LLM agent end to end through the real HTTP client, against a scripted local OpenAI-compatible server.</summary>
[Collection(Federated.SpanCollection.Name)] // listens to every ActorLab span while it runs
public sealed class LlmAgentTests() : TempDirectoryTest("llm")
{
    private const string Valid = """{"probabilities": [0.2, 0.3, 0.5]}""";
    private const string KeyVariable = "ACTORLAB_TEST_LLM_KEY";
    private const string Key = "sk-test-secret-7f3a";

    private async Task<(GameSummary Summary, List<Activity> Spans)> Run(string json)
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "ActorLab",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var path = Path.Combine(Dir, $"s-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        var request = new RunRequest(path, Repo.Manifest, Path.Combine(Dir, "runs"), 2);
        var summary = await GameLauncher.RunAsync(request, GameLauncher.Prepare(request));
        return (summary, spans.ToList());
    }

    private static string Agent(string endpoint, string fallback = "hedge") => $$"""
        { "name": "llm", "label": "llm", "options": { "endpoint": "{{endpoint}}", "model": "fake-model", "apiKeyVariable": "{{KeyVariable}}",
          "maxCorrections": 1, "maxRetries": 2, "retryDelayMilliseconds": 1, "fallback": "{{fallback}}" } }
        """;

    [Fact]
    public async Task Retries_corrections_and_fallbacks_happen_as_configured_and_are_counted_in_results_and_spans()
    {
        Environment.SetEnvironmentVariable(KeyVariable, Key);
        using var server = new FakeChatServer(
        [
            (429, null), (200, Valid),                    // round 1: rate limited, retried
            (200, "I pick rock"), (200, Valid),           // round 2: malformed, corrected
            (200, """{"probabilities": [0.9, 0.9, -0.8]}"""), (200, "{\"probabilities\": [1]}"), // round 3: two bad replies: fallback
            (500, null), (500, null), (500, null),        // round 4: the server keeps failing: fallback
        ], () => Valid);
        var (summary, spans) = await Run($$"""
            { "kind": "game", "seed": 1, "sequence": { "name": "iid", "options": { "actions": 3 } }, "players": [ {{Agent(server.Endpoint)}} ],
              "rounds": 6, "repetitions": 1, "batchSize": 6, "checkpoints": 1 }
            """);

        Assert.Equal("completed", summary.Status);
        var counters = Assert.Single(summary.Agents).Counters;
        Assert.Equal(7, counters["calls"]);             // answered requests: round 1 once, rounds 2 and 3 twice, rounds 5 and 6
        Assert.Equal(3, counters["retries"]);           // one after the 429, two after the 500s
        Assert.Equal(3, counters["malformed_replies"]);
        Assert.Equal(2, counters["fallbacks"]);
        Assert.Equal(1, counters["failed_calls"]);
        Assert.Equal(7 * 100, counters["input_tokens"]);
        Assert.Equal(11, server.Requests.Count);

        // The correction names the problem; the key travels only in the Authorization header.
        var requests = server.Requests.ToList();
        Assert.Contains("not valid JSON", requests[3].Body);
        Assert.All(requests, r => Assert.Equal($"Bearer {Key}", r.Authorization));

        // One gen_ai span per call, with model and token counts; fallbacks are events on the batch span.
        var calls = spans.Where(s => s.GetTagItem("gen_ai.request.model") as string == "fake-model").ToList();
        Assert.Equal(11, calls.Count);
        Assert.Equal(7, calls.Count(s => s.GetTagItem("gen_ai.usage.input_tokens") is not null));
        Assert.Equal(2, spans.SelectMany(s => s.Events).Count(e => e.Name == "actorlab.llm.fallback"));

        // The key is in no span and no result file.
        Assert.DoesNotContain(spans, s => s.TagObjects.Any(t => t.Value?.ToString()?.Contains(Key) == true));
        Assert.All(Directory.GetFiles(summary.RunDirectory), f => Assert.DoesNotContain(Key, File.ReadAllText(f)));
    }

    [Fact]
    public async Task An_llm_player_plays_a_repeated_game_against_hedge()
    {
        Environment.SetEnvironmentVariable(KeyVariable, Key);
        using var server = new FakeChatServer([], () => """{"probabilities": [0.34, 0.33, 0.33]}""");
        var (summary, _) = await Run($$"""
            { "kind": "game", "seed": 1, "game": "rock-paper-scissors", "players": [ {{Agent(server.Endpoint)}}, "hedge" ],
              "rounds": 5, "repetitions": 2, "batchSize": 5, "checkpoints": 1 }
            """);
        Assert.Equal("completed", summary.Status);
        Assert.Equal(10, summary.Agents[0].Counters["calls"]);
        Assert.Contains("action 1: 0.5 1 0", server.Requests.First().Body.Replace("\\n", "\n")); // rock's losses against rock, paper, scissors
    }

    [Fact]
    public async Task Zero_retries_means_one_attempt_per_call_and_a_failure_falls_back()
    {
        Environment.SetEnvironmentVariable(KeyVariable, Key);
        using var server = new FakeChatServer([(500, null)], () => Valid);
        var (summary, _) = await Run($$"""
            { "kind": "game", "seed": 1, "sequence": { "name": "iid", "options": { "actions": 3 } },
              "players": [ {{Agent(server.Endpoint).Replace("\"maxRetries\": 2", "\"maxRetries\": 0", StringComparison.Ordinal)}} ],
              "rounds": 3, "repetitions": 1, "batchSize": 3, "checkpoints": 1 }
            """);
        Assert.Equal("completed", summary.Status);
        var counters = Assert.Single(summary.Agents).Counters;
        Assert.Equal(0, counters.GetValueOrDefault("retries"));
        Assert.Equal(1, counters["fallbacks"]); // round 1's only attempt failed
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public void A_missing_api_key_variable_is_an_error_naming_the_variable()
    {
        Environment.SetEnvironmentVariable("ACTORLAB_TEST_LLM_MISSING", null);
        var path = Path.Combine(Dir, "missing.json");
        File.WriteAllText(path, """
            { "kind": "game", "sequence": "iid", "rounds": 3,
              "players": [ { "name": "llm", "options": { "endpoint": "http://127.0.0.1:9/v1", "model": "m", "apiKeyVariable": "ACTORLAB_TEST_LLM_MISSING" } } ] }
            """);
        var error = Assert.ThrowsAny<Exception>(() => GameLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1)));
        Assert.Contains("ACTORLAB_TEST_LLM_MISSING", error.Message);
    }
}
