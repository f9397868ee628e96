using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ActorLab.Host.Games;
using ActorLab.Host.Results;
using ActorLab.Host.Secrets;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using ActorLab.Telemetry;
using Xunit;

namespace ActorLab.Host.Tests.Secrets;

/// <summary>
/// No secret reaches what the host writes: an LLM API key (from the variable an <c>llm</c> agent's
/// <c>apiKeyVariable</c> names), OTLP headers (<c>OTEL_EXPORTER_OTLP_HEADERS</c>) and secret-named scenario options
/// are absent from every file of the run folder, the results database's bytes, the spans and the console output.
/// </summary>
[Collection(Federated.SpanCollection.Name)] // listens to every ActorLab span while it runs
public sealed class SecretLeakTests() : TempDirectoryTest("secrets")
{
    private readonly string _key = $"sk-leak-{Guid.NewGuid():N}";
    private readonly string _header = $"otlp-leak-{Guid.NewGuid():N}";
    private readonly string _keyVariable = $"ACTORLAB_LEAK_{Guid.NewGuid():N}_API_KEY".ToUpperInvariant();

    private const string Valid = """{"probabilities": [0.2, 0.3, 0.5]}""";

    private string GameScenario(string endpoint)
    {
        var path = Path.Combine(Dir, "llm-game.json");
        File.WriteAllText(path, $$"""
            { "kind": "game", "seed": 3, "sequence": { "name": "iid", "options": { "actions": 3 } },
              "players": [ { "name": "llm", "label": "llm", "options": { "endpoint": "{{endpoint}}", "model": "fake-model", "apiKeyVariable": "{{_keyVariable}}",
                             "maxCorrections": 1, "maxRetries": 1, "retryDelayMilliseconds": 1 } } ],
              "rounds": 4, "repetitions": 1, "batchSize": 4, "checkpoints": 1 }
            """);
        return path;
    }

    /// <summary>Records every ActorLab span as it stops, as they are before any exporter's processors (until disposed).</summary>
    private static ActivityListener ListenToActorLabSpans(Action<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "ActorLab",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [Fact]
    public async Task A_game_with_an_llm_agent_writes_neither_the_key_nor_the_otlp_header_to_files_database_or_spans()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToActorLabSpans(spans.Enqueue);
        var previousHeaders = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_HEADERS");
        Environment.SetEnvironmentVariable(_keyVariable, _key);
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_HEADERS", $"Authorization=Bearer {_header}");
        try
        {
            // A reply the agent cannot parse and a server error put the failure paths (corrections, retries, fallback) in play too.
            using var server = new FakeChatServer([(200, "no JSON here"), (500, null), (200, Valid)], () => Valid);
            var runs = Path.Combine(Dir, "runs");
            var request = new RunRequest(GameScenario(server.Endpoint), Repo.Manifest, runs, 2);
            var summary = await GameLauncher.RunAsync(request, GameLauncher.Prepare(request));

            Assert.Equal("completed", summary.Status);
            Assert.All(server.Requests, r => Assert.Equal($"Bearer {_key}", r.Authorization)); // the key was really used
            Assert.True(File.Exists(request.DatabasePath));
            Assert.Empty(SecretScan.Leaks(runs, _key, _header));

            var ours = spans.ToList();
            Assert.NotEmpty(ours);
            var texts = ours.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
                .Append(s.DisplayName).Append(s.StatusDescription ?? ""));
            Assert.DoesNotContain(texts, t => t.Contains(_key, StringComparison.Ordinal) || t.Contains(_header, StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(_keyVariable, null);
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_HEADERS", previousHeaders);
        }
    }

    [Fact]
    public void A_game_and_a_federated_run_exporting_by_otlp_with_headers_leak_nothing_to_folders_database_or_console()
    {
        using var receiver = new OtlpReceiver();
        using var chat = new FakeChatServer([(200, "no JSON here")], () => Valid);
        var federated = Path.Combine(Dir, "federated.json");
        File.WriteAllText(federated, SmallRuns.MlpDirichlet);
        var runs = Path.Combine(Dir, "runs");
        var environment = new Dictionary<string, string>
        {
            [_keyVariable] = _key,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = $"Authorization=Bearer%20{_header},x-api-key={_header}",
        };

        var output = new StringBuilder();
        foreach (var scenario in new[] { GameScenario(chat.Endpoint), federated })
        {
            var result = Support.Cli.Run(Dir, environment, "run", scenario, "--plugins", Repo.Manifest, "--output", runs);
            Assert.True(result.ExitCode == 0, result.Stderr);
            output.Append(result.Stdout).Append(result.Stderr);
        }

        Assert.NotEmpty(receiver.Requests); // the exporter really ran, with the headers
        Assert.DoesNotContain(_key, output.ToString());
        Assert.DoesNotContain(_header, output.ToString());
        Assert.Equal(2, Directory.GetDirectories(runs).Length);
        Assert.Empty(SecretScan.Leaks(runs, _key, _header));
        var exported = receiver.Requests.SelectMany(r => r.Body).ToArray();
        Assert.False(SecretScan.Contains(exported, _key), "the key is in an exported span or metric");
    }

    [Fact]
    public void Secret_named_scenario_options_are_masked_in_the_run_folder_copy()
    {
        var scenario = Path.Combine(Dir, "with-secrets.json");
        File.WriteAllText(scenario, """
            { "kind": "game", "name": "s", /* comment */ "players": [ { "name": "x", "options": {
                "apiKey": "opt-secret-1", "api_key": "opt-secret-2", "accessToken": { "v": "opt-secret-3" }, "PASSWORD": "opt-secret-4",
                "clientSecret": "opt-secret-5", "authorization": "Bearer opt-secret-6", "apiKeyVariable": "OPENAI_API_KEY", "maxTokens": 64, "token": null } } ] }
            """);
        var folder = RunFolder.Create(Path.Combine(Dir, "runs"), "s", 1, scenario);
        var copy = File.ReadAllText(Path.Combine(folder, "scenario.json"));
        Assert.DoesNotContain("opt-secret", copy);
        Assert.Contains("\"apiKey\": \"***\"", copy);
        Assert.Contains("\"accessToken\": \"***\"", copy);
        Assert.Contains("\"apiKeyVariable\": \"OPENAI_API_KEY\"", copy); // where the key is, not the key
        Assert.Contains("\"maxTokens\": 64", copy);
        Assert.Contains("\"token\": null", copy);

        // Without secrets the copy is the file, byte for byte.
        var plain = Repo.Path("scenarios", "game-quickstart.json");
        var plainFolder = RunFolder.Create(Path.Combine(Dir, "runs"), "plain", 1, plain);
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(Path.Combine(plainFolder, "scenario.json")));
    }

    [Theory]
    [InlineData("apiKey", true)]
    [InlineData("OPENAI_API_KEY", true)]
    [InlineData("x-api-key", true)]
    [InlineData("accessToken", true)]
    [InlineData("password", true)]
    [InlineData("Authorization", true)]
    [InlineData("clientSecret", true)]
    [InlineData("apiKeyVariable", false)]
    [InlineData("maxTokens", false)]
    [InlineData("tokenizer", false)]
    [InlineData("model", false)]
    [InlineData("passwordFile", false)]
    [InlineData("PWD", false)] // the working directory, not a password
    [InlineData("OLDPWD", false)]
    [InlineData("pwd", false)]
    [InlineData("PASSWD_FILE", false)]
    [InlineData("TOKENIZERS_PARALLELISM", false)]
    public void Secret_names(string name, bool secret) => Assert.Equal(secret, SecretRedaction.IsSecretName(name));

    [Theory]
    [InlineData("apiKeyVariable", true)]
    [InlineData("tokenEnv", true)]
    [InlineData("PASSWORD_VAR", true)]
    [InlineData("apiKey", false)] // the secret itself
    [InlineData("passwordFile", false)] // a file, not a variable
    [InlineData("variable", false)]
    [InlineData("modelVariable", false)]
    public void Names_of_options_that_name_a_secret_variable(string name, bool names) => Assert.Equal(names, SecretRedaction.IsSecretVariableName(name));

    [Fact]
    public void Log_text_is_masked_with_the_otlp_header_values_and_the_values_the_scenario_knows_but_not_with_ordinary_variables()
    {
        var previous = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_HEADERS");
        var option = $"opt-leak-{Guid.NewGuid():N}";
        var folder = $"/tmp/folder-{Guid.NewGuid():N}";
        var plainVariable = $"ACTORLAB_PLAIN_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_HEADERS", $"Authorization=Bearer%20{_header}");
        Environment.SetEnvironmentVariable(plainVariable, _key);
        Environment.SetEnvironmentVariable(_keyVariable, folder); // secret-shaped, but named by nothing the run reads
        try
        {
            using var scenario = JsonDocument.Parse($$"""
                { "players": [ { "options": { "apiKeyVariable": "{{plainVariable}}", "clientSecret": "Bearer {{option}}", "model": "gpt" } } ] }
                """);
            SecretRedaction.RegisterScenario(scenario.RootElement);

            var masked = SecretRedaction.RedactText($"failed: header Bearer {_header}, key {_key}, option {option}, in {folder}, via {plainVariable} and gpt");
            Assert.Equal($"failed: header ***, key ***, option ***, in {folder}, via {plainVariable} and gpt", masked);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_HEADERS", previous);
            Environment.SetEnvironmentVariable(plainVariable, null);
            Environment.SetEnvironmentVariable(_keyVariable, null);
        }
    }

    [Fact]
    public async Task The_llm_agent_masks_its_key_in_the_fallback_reasons_when_the_server_quotes_it()
    {
        var fallbacks = new ConcurrentQueue<ActivityEvent>();
        using var listener = ListenToActorLabSpans(span => span.Events.Where(e => e.Name == "actorlab.llm.fallback").ToList().ForEach(fallbacks.Enqueue));
        Environment.SetEnvironmentVariable(_keyVariable, _key);
        try
        {
            using var server = FakeChatServer.RejectingEveryKey();
            var request = new RunRequest(GameScenario(server.Endpoint), Repo.Manifest, Path.Combine(Dir, "runs"), 2);
            var summary = await GameLauncher.RunAsync(request, GameLauncher.Prepare(request));

            Assert.Equal("completed", summary.Status);
            var reasons = fallbacks.Select(e => (string)e.Tags.Single(t => t.Key == "actorlab.llm.reason").Value!).ToList();
            Assert.Equal(4, reasons.Count); // every round fell back
            Assert.All(reasons, r => Assert.Contains("Incorrect API key provided: Bearer ***", r));
        }
        finally
        {
            Environment.SetEnvironmentVariable(_keyVariable, null);
        }
    }

    [Fact]
    public void The_console_streams_mask_known_secrets_in_whatever_is_written_through_them()
    {
        var secret = $"console-leak-{Guid.NewGuid():N}";
        SecretValues.Add(secret);
        var inner = new StringWriter();
        using var console = new RedactingTextWriter(inner);

        console.WriteLine($"error: Bearer {secret}");
        console.Write($"{secret}!".AsSpan());
        console.Write($"[{secret}]".ToCharArray(), 0, secret.Length + 2);
        console.Write('.');

        Assert.Equal($"error: Bearer ***{Environment.NewLine}***![***].", inner.ToString());
    }
}
