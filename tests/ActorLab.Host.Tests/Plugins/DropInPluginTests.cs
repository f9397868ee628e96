using System.Diagnostics;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Plugins;

/// <summary>
/// A plugin built outside the solution (tests/external/DropInPlugin), referencing only ActorLab.Contracts
/// and TorchSharp and carrying Newtonsoft.Json 12 while the host has 13, loads from one manifest entry and runs.
/// </summary>
public sealed class DropInPluginTests() : TempDirectoryTest("dropin")
{
    private string BuildDropIn()
    {
        var output = Path.Combine(Dir, "plugin");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "build", Repo.Path("tests", "external", "DropInPlugin", "DropInPlugin.csproj"),
                "-c", "Release", "-o", output, "-nologo", "-v", "q",
                $"-p:ActorLabContracts={typeof(IActorLabPlugin).Assembly.Location}",
                $"-p:BaseIntermediateOutputPath={Path.Combine(Dir, "obj")}/",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(4)), "dotnet build of the drop-in plugin timed out");
        Assert.True(process.ExitCode == 0, $"dotnet build failed:\n{stdout.Result}\n{stderr.Result}");
        return Path.Combine(output, "DropInPlugin.dll");
    }

    [Fact]
    public async Task Drop_in_plugin_with_its_own_newtonsoft_loads_and_runs_a_federated_scenario()
    {
        var pluginPath = BuildDropIn();
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(pluginPath)!, "Newtonsoft.Json.dll")), "the plugin carries its own Newtonsoft.Json");
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(pluginPath)!, "ActorLab.Contracts.dll")), "the SDK must not be copied next to the plugin");

        var manifest = PluginCompiler.WriteManifest(Dir, PluginCompiler.CorePluginEntry,
            $$"""{ "path": "plugin/DropInPlugin.dll", "config": { "Scale": 2.0 } }""");
        var catalog = PluginCatalogLoader.Load(manifest, allowExternal: true); // the core plugin is the repo's build

        var registration = catalog.Plugins.Single(p => p.Name == "DropInPlugin").Components.Single();
        Assert.Equal("drop-in-ce", registration.Name);
        Assert.Equal("0.3.0", catalog.Plugins.Single(p => p.Name == "DropInPlugin").Version);

        // The plugin runs with its own Newtonsoft.Json 12 from its folder; the host keeps 13.
        var hostNewtonsoft = typeof(Newtonsoft.Json.JsonConvert).Assembly.GetName().Version!;
        Assert.Equal(13, hostNewtonsoft.Major);
        Assert.StartsWith("newtonsoft=12.0.0.0;", registration.Description);
        Assert.Contains(Path.Combine(Dir, "plugin", "Newtonsoft.Json.dll"), registration.Description);

        // Its loss is an ILoss of the host's contracts (types unify) and computes with the host's TorchSharp.
        var loss = catalog.Create<ILoss>("drop-in-ce", ComponentOptions.Empty);
        var logits = TorchSharp.torch.tensor(new float[] { 2, 0, 0 }, [1, 3]);
        var expected = 2 * TorchSharp.torch.nn.functional.cross_entropy(logits, TorchSharp.torch.tensor(new long[] { 0 })).item<float>();
        Assert.Equal(expected, loss.Compute(logits, TorchSharp.torch.tensor(new long[] { 0 })).item<float>(), 5);

        // And a whole federated run uses it.
        var scenario = Path.Combine(Dir, "scenario.json");
        File.WriteAllText(scenario, """
            { "kind": "federated", "seed": 3, "dataset": "digits", "model": "logistic-regression", "loss": "drop-in-ce",
              "rounds": 2, "clients": { "total": 4, "perRound": 4 }, "training": { "learningRate": 0.1 } }
            """);
        var request = new RunRequest(scenario, manifest, Path.Combine(Dir, "runs"), 2) { AllowExternalPlugins = true };
        var (_, plan) = RunLauncher.Prepare(request);
        var summary = await RunLauncher.RunAsync(request, plan);
        Assert.Equal("completed", summary.Status);
        Assert.Equal(2, summary.RoundsCompleted);
        Assert.True(summary.FinalAccuracy > 0.5, $"accuracy {summary.FinalAccuracy}");
    }
}
