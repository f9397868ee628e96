using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Secrets;

/// <summary>
/// A key that comes back in an error (a server's 401 quoting the request's <c>Authorization</c> header, a plugin's
/// exception) is masked before anything leaves the process: in no exported span or metric byte (OTLP on loopback),
/// not on stdout or stderr, not in errors.log, summary.json or the database; for a key in <c>OPENAI_API_KEY</c> as for
/// one in a plainly named variable, given as <c>apiKeyVariable</c>.
/// </summary>
public sealed class ReflectedKeyTests() : TempDirectoryTest("reflected")
{
    private readonly string _key = $"sk-reflected-{Guid.NewGuid():N}";
    private readonly string _header = $"otlp-reflected-{Guid.NewGuid():N}";

    // A name with nothing secret-looking about it: only the scenario says it holds a key.
    private static string PlainVariable() => $"ACTORLAB_LLM_{Guid.NewGuid():N}".ToUpperInvariant();

    private Dictionary<string, string> Environment(string keyVariable, OtlpReceiver receiver) => new()
    {
        [keyVariable] = _key,
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_EXPORTER_OTLP_HEADERS"] = $"Authorization=Bearer%20{_header}",
    };

    private static byte[] Exported(OtlpReceiver receiver) => receiver.Requests.SelectMany(r => r.Body).ToArray();

    [Theory]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("plain")]
    public void A_key_a_server_echoes_in_its_401_is_masked_in_exported_spans_and_reaches_no_file_or_console(string variable)
    {
        var keyVariable = variable == "plain" ? PlainVariable() : variable;
        using var chat = FakeChatServer.RejectingEveryKey();
        using var receiver = new OtlpReceiver();
        var scenario = Path.Combine(Dir, "llm.json");
        File.WriteAllText(scenario, $$"""
            { "kind": "game", "seed": 3, "sequence": { "name": "iid", "options": { "actions": 3 } },
              "players": [ { "name": "llm", "label": "llm", "options": { "endpoint": "{{chat.Endpoint}}", "model": "fake-model",
                             "apiKeyVariable": "{{keyVariable}}", "maxCorrections": 0, "maxRetries": 0 } } ],
              "rounds": 4, "repetitions": 1, "batchSize": 4, "checkpoints": 1 }
            """);
        var runs = Path.Combine(Dir, "runs");

        var result = Support.Cli.Run(Dir, Environment(keyVariable, receiver), "run", scenario, "--plugins", Repo.Manifest, "--output", runs);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(4, chat.Requests.Count);
        Assert.All(chat.Requests, r => Assert.Equal($"Bearer {_key}", r.Authorization)); // sent, and quoted back in every 401
        var exported = Exported(receiver);
        Assert.False(SecretScan.Contains(exported, _key), "the key is in an exported span or metric");
        Assert.False(SecretScan.Contains(exported, _header), "the OTLP header is in an exported span or metric");
        Assert.True(SecretScan.Contains(exported, "Incorrect API key provided: Bearer ***"), "the echoed 401 message is exported, masked");
        Assert.DoesNotContain(_key, result.Stdout + result.Stderr);
        Assert.Empty(SecretScan.Leaks(runs, _key, _header));
    }

    [Fact]
    public void A_key_a_plugin_quotes_in_its_exception_is_masked_in_errors_log_summary_database_console_and_spans()
    {
        var keyVariable = PlainVariable();
        var manifest = ThrowingStrategyPlugin.Manifest(Dir);
        var scenario = ThrowingStrategyPlugin.Scenario(Dir, keyVariable);
        using var receiver = new OtlpReceiver();
        var runs = Path.Combine(Dir, "runs");

        var result = Support.Cli.Run(Dir, Environment(keyVariable, receiver), "run", scenario, "--plugins", manifest, "--allow-external-plugins", "--output", runs);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run failed: InvalidOperationException: upstream refused: Bearer ***;", result.Stderr);
        Assert.DoesNotContain(_key, result.Stdout + result.Stderr);
        var folder = Assert.Single(Directory.GetDirectories(runs));
        var log = File.ReadAllText(Path.Combine(folder, "errors.log"));
        Assert.Contains("System.InvalidOperationException: upstream refused: Bearer ***;", log);
        Assert.Contains("\"failure\": \"InvalidOperationException: upstream refused: Bearer ***;", File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.Empty(SecretScan.Leaks(runs, _key, _header)); // errors.log, summary.json, the database
        var exported = Exported(receiver);
        Assert.False(SecretScan.Contains(exported, _key), "the key is in an exported span or metric");
        Assert.False(SecretScan.Contains(exported, _header), "the OTLP header is in an exported span or metric");
        Assert.True(SecretScan.Contains(exported, "upstream refused: Bearer ***"), "the run span's status is exported, masked");
    }
}
