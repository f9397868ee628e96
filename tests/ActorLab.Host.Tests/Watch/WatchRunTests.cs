using System.Diagnostics;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Watch;

/// <summary><c>run --watch</c>: a plugin rebuilt while watching is used by the next run, and earlier runs' results stay.</summary>
public sealed class WatchRunTests() : TempDirectoryTest("watch")
{
    private static string Source(string version) => $$"""
        using System.Collections.Generic;
        using ActorLab.Contracts.Experiments;
        using ActorLab.Contracts.Plugins;

        public sealed class WatchedPlugin : IActorLabPlugin
        {
            public void Register(IComponentRegistry registry, PluginContext context) =>
                registry.AddExperiment("watched", _ => new Watched(), "reports which build of its code ran");
        }

        public sealed class Watched : IExperiment
        {
            public ExperimentResult Run(ExperimentContext context) =>
                new(new List<ExperimentTable>(), new List<string> { "code {{version}}" });
        }
        """;

    private static async Task<string> FindingsAsync(string runs, string text, Process process, Func<string> output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"actorlab run --watch exited early:\n{output()}");
            var hit = Directory.Exists(runs)
                ? Directory.GetFiles(runs, "findings.txt", SearchOption.AllDirectories).FirstOrDefault(f => File.ReadAllText(f).Contains(text, StringComparison.Ordinal))
                : null;
            if (hit is not null)
            {
                return hit;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no run wrote '{text}' in 90 s:\n{output()}");
    }

    [Fact]
    public async Task A_plugin_rebuilt_during_a_watch_run_is_used_by_the_next_run()
    {
        var pluginPath = PluginCompiler.Compile(Path.Combine(Dir, "plugin"), "WatchedPlugin", Source("v1"));
        var manifest = PluginCompiler.WriteManifest(Dir, """{ "path": "plugin/WatchedPlugin.dll" }""");
        var scenario = Path.Combine(Dir, "watched.json");
        File.WriteAllText(scenario, """{ "kind": "experiment", "seed": 1, "experiment": "watched" }""");
        var runs = Path.Combine(Dir, "runs");

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Repo.HostDll, "run", scenario, "--watch", "--plugins", manifest, "--output", runs, "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Output() { lock (log) { return log.ToString(); } }
        try
        {
            var first = await FindingsAsync(runs, "code v1", process, Output);

            // Rebuild: compile elsewhere, then replace the assembly the way a build's copy lands it.
            var rebuilt = PluginCompiler.Compile(Path.Combine(Dir, "rebuild"), "WatchedPlugin", Source("v2"), version: "2.0.0.0");
            File.Move(rebuilt, pluginPath, overwrite: true);

            var second = await FindingsAsync(runs, "code v2", process, Output);
            Assert.NotEqual(Path.GetDirectoryName(first), Path.GetDirectoryName(second)); // a new run, in its own folder
            Assert.Contains("code v1", await File.ReadAllTextAsync(first)); // the previous run's results are kept
            Assert.Contains("change detected", Output());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
