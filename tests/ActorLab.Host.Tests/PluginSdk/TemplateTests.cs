using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorLab.Host.Plugins;
using ActorLab.Host.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ActorLab.Host.Tests.PluginSdk;

/// <summary>
/// The plugin author's path end to end, outside the solution: <c>dotnet new actorlab-plugin</c> from the packed template,
/// a build against the packed ActorLab.Contracts, the generated unit test, one manifest entry, and a run.
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class TemplateTests(SdkPackages sdk, ITestOutputHelper output) : TempDirectoryTest("template")
{
    [Fact]
    public async Task A_loss_plugin_from_the_template_builds_passes_its_test_and_runs_in_a_federated_scenario()
    {
        var clock = Stopwatch.StartNew();
        var project = await sdk.NewPluginAsync(Dir, "FocalPlugin", "loss");

        // The minimal loss plugin: entry point, component with its options, registration.
        var sources = Directory.GetFiles(Path.Combine(project, "src", "FocalPlugin"), "*.cs");
        var lines = sources.Sum(f => File.ReadLines(f).Count());
        Assert.True(lines < 50, $"the generated loss plugin has {lines} lines in {sources.Length} files");

        var build = (await sdk.BuildAsync(project)).EnsureSuccess("dotnet build of the generated plugin");
        var binaries = Path.Combine(project, "src", "FocalPlugin", "bin", "Release", "net10.0");
        var dll = Path.Combine(binaries, "FocalPlugin.dll");

        // Built against the packed contracts, and carrying none of what the host provides (contracts, TorchSharp, natives).
        Assert.Contains($"\"ActorLab.Contracts/{sdk.ContractsVersion}\"", File.ReadAllText(Path.Combine(project, "src", "FocalPlugin", "obj", "project.assets.json")));
        Assert.Equal(["FocalPlugin.deps.json", "FocalPlugin.dll", "FocalPlugin.pdb", "FocalPlugin.runtimeconfig.json"],
            Directory.GetFiles(binaries, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var test = (await sdk.TestAsync(project)).EnsureSuccess("dotnet test of the generated plugin");
        Assert.Contains("Passed!", test.Output);

        // The repository's Core plugin (datasets) is listed by absolute path, hence --allow-external-plugins; the new
        // plugin lies under the manifest's folder and is added as a user would, with its sha256 pin.
        var manifest = PluginCompiler.WriteManifest(Dir, PluginCompiler.CorePluginEntry);
        var add = Support.Cli.Run(Dir, null, "plugins", "add", dll, "--plugins", manifest, "--allow-external-plugins");
        Assert.True(add.ExitCode == 0, $"actorlab plugins add failed:\n{add.Stdout}\n{add.Stderr}");
        Assert.Contains("focal-plugin", add.Stdout, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dll))), File.ReadAllText(manifest), StringComparison.Ordinal);
        var scenario = Path.Combine(Dir, "focal.json");
        File.WriteAllText(scenario, """
            { "kind": "federated", "seed": 5, "dataset": "digits", "model": "logistic-regression",
              "loss": { "name": "focal-plugin", "options": { "gamma": 1.5 } },
              "rounds": 2, "clients": { "total": 4, "perRound": 4 }, "training": { "learningRate": 0.1 } }
            """);
        var run = Support.Cli.Run(Dir, null, "run", scenario, "--plugins", manifest, "--allow-external-plugins", "--output", Path.Combine(Dir, "runs"), "--json", "--workers", "2");
        Assert.True(run.ExitCode == 0, $"actorlab run failed:\n{run.Stdout}\n{run.Stderr}");

        using var summary = JsonDocument.Parse(run.Stdout);
        Assert.Equal("completed", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, summary.RootElement.GetProperty("roundsCompleted").GetInt32());
        Assert.True(double.IsFinite(summary.RootElement.GetProperty("finalTrainLoss").GetDouble()));

        // The run's resolved scenario records the plugin's loss with the options it was built from.
        using var resolved = JsonDocument.Parse(File.ReadAllText(Path.Combine(summary.RootElement.GetProperty("runDirectory").GetString()!, "scenario.json")));
        var loss = resolved.RootElement.GetProperty("loss");
        Assert.Equal("focal-plugin", loss.GetProperty("name").GetString());
        Assert.Equal(1.5, loss.GetProperty("options").GetProperty("gamma").GetDouble());

        output.WriteLine($"packing and installing (fixture, once): {sdk.PreparationTime.TotalSeconds:0.0} s; build {build.Elapsed.TotalSeconds:0.0} s, "
            + $"unit test {test.Elapsed.TotalSeconds:0.0} s; this test in all: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Set to 1 to build and run the generated unit tests of every kind, not only the strategy's: on 2 cores that adds
    /// about a minute (test projects reference xUnit and libtorch), so by default the other kinds' plugins are built and
    /// loaded but their tests are not run.
    /// </summary>
    public const string AllKindsVariable = "ACTORLAB_SDK_ALL_KINDS";

    [Fact]
    public async Task Every_other_kind_generates_a_plugin_that_builds_and_registers_its_component_and_the_strategy_passes_its_test()
    {
        var allTests = Environment.GetEnvironmentVariable(AllKindsVariable) == "1";
        (string Kind, string Contract)[] kinds = [("strategy", "strategy"), ("policy", "bandit policy"), ("agent", "game agent"), ("model", "model"), ("optimizer", "optimizer")];
        var projects = new List<string>();
        foreach (var (kind, _) in kinds)
        {
            var folder = await sdk.NewPluginAsync(Dir, PluginName(kind), kind);
            projects.Add(Path.Combine(folder, "src", PluginName(kind), PluginName(kind) + ".csproj"));
            if (allTests || kind == "strategy")
            {
                projects.Add(Path.Combine(folder, "tests", PluginName(kind) + ".Tests", PluginName(kind) + ".Tests.csproj"));
            }
        }

        // One build and one test run for all (one MSBuild; test assemblies run in parallel): separate builds would each
        // pay the SDK's start-up and restore.
        var solution = Path.Combine(Dir, "kinds.slnx");
        File.WriteAllText(solution, $"<Solution>{string.Concat(projects.Select(p => $"<Project Path=\"{Path.GetRelativePath(Dir, p)}\" />"))}</Solution>");
        var build = (await sdk.BuildAsync(solution)).EnsureSuccess("dotnet build of the generated plugins");
        var test = (await sdk.TestAsync(solution)).EnsureSuccess("dotnet test of the generated plugins");
        Assert.Equal(projects.Count(p => p.EndsWith(".Tests.csproj", StringComparison.Ordinal)), test.Output.Split("Passed!").Length - 1);

        var manifest = PluginCompiler.WriteManifest(Dir);
        foreach (var (kind, _) in kinds)
        {
            AddToManifest(manifest, Path.Combine(Dir, PluginName(kind), "src", PluginName(kind), "bin", "Release", "net10.0", PluginName(kind) + ".dll"));
        }

        var registered = PluginCatalogLoader.Load(manifest, allowExternal: true).Plugins.Select(p => p.Components.Single()).Select(c => (c.Name, c.Kind));
        Assert.Equal(kinds.Select(k => ($"my-{k.Kind}", k.Contract)), registered);
        output.WriteLine($"{kinds.Length} kinds ({(allTests ? "all" : "strategy's")} unit tests): build {build.Elapsed.TotalSeconds:0.0} s, unit tests {test.Elapsed.TotalSeconds:0.0} s");
    }

    private static string PluginName(string kind) => "My" + char.ToUpperInvariant(kind[0]) + kind[1..];

    /// <summary>Appends the entry <c>actorlab plugins add</c> writes (path relative to the manifest, sha256, enabled), in-process for speed.</summary>
    private static void AddToManifest(string manifest, string dll)
    {
        var root = JsonNode.Parse(File.ReadAllText(manifest))!;
        root["plugins"]!.AsArray().Add(new JsonObject
        {
            ["path"] = Path.GetRelativePath(Path.GetDirectoryName(manifest)!, dll),
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dll))),
            ["enabled"] = true,
        });
        File.WriteAllText(manifest, root.ToJsonString());
    }
}
