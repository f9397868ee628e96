using ActorLab.Contracts.Plugins;
using ActorLab.Host.Bandits;
using ActorLab.Host.Federated;
using ActorLab.Host.Games;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Fuzz;

/// <summary>One regression test per bug the validation fuzz test found: each used to escape as another exception or to take tens of seconds.</summary>
public sealed class FuzzFindingsTests() : TempDirectoryTest("fuzzfound")
{
    private string Write(string json)
    {
        var path = Path.Combine(Dir, $"x-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private ScenarioError Fails(string json) => Assert.Single(Assert.Throws<ScenarioException>(() => FederatedScenarioBinder.Load(Write(json))).Errors);

    private const string Clients = """ "clients": { "total": 10, "perRound": 5 } """;

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("\"ten\"")]
    [InlineData("[1]")]
    public void A_wrong_type_where_the_cross_field_rules_look_is_a_schema_error(string total)
    {
        // Used to be InvalidOperationException from JsonElement.TryGetInt32 in the cross-field rules.
        var ex = Assert.Throws<ScenarioException>(() => FederatedScenarioBinder.Load(Write($$"""{ "kind": "federated", "dataset": "digits", "rounds": 1, "clients": { "total": {{total}}, "perRound": 5 } }""")));
        Assert.Contains(ex.Errors, e => e.JsonPath == "$.clients.total");
    }

    [Fact]
    public void A_field_given_twice_is_malformed_json()
    {
        // Used to pass the schema with one value and crash the binder on the other.
        var error = Fails($$"""{ "kind": "federated", "dataset": "digits", "model": "logistic-regression", "rounds": 1, "rounds": "two", {{Clients}} }""");
        Assert.Contains("malformed JSON", error.Message);
        Assert.Contains("rounds", error.Message);
        var manifest = Write("""{ "plugins": [ { "path": "a.dll", "path": "b.dll" } ] }""");
        Assert.Contains("malformed JSON", Assert.Throws<PluginLoadException>(() => PluginManifestReader.Read(manifest)).Message);
    }

    [Theory]
    [InlineData("2147483648", "expected a whole number from -2147483648 to 2147483647, got 2147483648")]
    [InlineData("99999999999999999999999999999999999999", "expected a whole number")]
    [InlineData("1E+2", "write whole numbers without an exponent")]
    [InlineData("1e400", "1e400 is out of range for a number")]
    public void A_number_the_binder_cannot_read_names_its_path(string rounds, string message)
    {
        // Used to be FormatException from JsonElement.GetInt32.
        var error = Fails($$"""{ "kind": "federated", "dataset": "digits", "model": "logistic-regression", "rounds": {{rounds}}, {{Clients}} }""");
        Assert.Equal("$.rounds", error.JsonPath);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_huge_array_is_refused_at_once()
    {
        // 100,000 policies took 10 to 17 s to validate.
        var policies = string.Join(",", Enumerable.Repeat("\"ucb1\"", 100_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<ScenarioException>(() => BanditScenarioBinder.Load(Write($$"""{ "kind": "bandit", "environment": "bernoulli", "policies": [ {{policies}} ] }""")));
        Assert.Equal("$.policies", Assert.Single(ex.Errors).JsonPath);
        Assert.Contains("100000 elements; a scenario array holds at most 10000", ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_manifest_listing_one_plugin_many_times_is_refused_at_the_second()
    {
        // 100,000 copies of an entry took over 20 s (a symlink-resolving path check each).
        var entry = """{ "path": "build/plugins/X/X.dll" }""";
        var manifest = Write($$"""{ "plugins": [ {{string.Join(",", Enumerable.Repeat(entry, 100_000))}} ] }""");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<PluginLoadException>(() => PluginManifestReader.Read(manifest));
        Assert.Contains("$.plugins[1].path: build/plugins/X/X.dll is already listed at $.plugins[0]", ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_component_refusing_its_setup_with_an_argument_exception_is_an_options_error()
    {
        // Used to escape Prepare as ArgumentException (a stack trace and exit code 1 for a missing checkpoint).
        var catalog = PluginCatalogLoader.Load(Repo.Manifest);
        var game = Write("""
            { "kind": "game", "game": "rock-paper-scissors", "rounds": 10,
              "players": [ "hedge", { "name": "regret-transformer", "options": { "checkpoint": "nowhere/none.pt" } } ] }
            """);
        var ex = Assert.Throws<ComponentOptionsException>(() => GameLauncher.Prepare(game, catalog));
        Assert.Equal("$.players[1].options", ex.JsonPath);
        Assert.Contains("no checkpoint at 'nowhere/none.pt'", ex.Message);

        // Since options are typed, the declared range catches this one before the component's constructor, at the option itself.
        var bandit = Write("""{ "kind": "bandit", "steps": 100, "environment": { "name": "drifting", "options": { "amplitude": 1e308 } }, "policies": [ "ucb1" ] }""");
        Assert.Equal("$.environment.options.amplitude", Assert.Throws<ComponentOptionsException>(() => BanditLauncher.Prepare(bandit, catalog)).JsonPath);
    }
}
