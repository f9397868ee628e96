using System.Globalization;
using System.Text.Json;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Cli;

/// <summary>The `actorlab` program end to end: exit codes, messages without stack traces, --json, results folder.</summary>
public sealed class CliTests() : TempDirectoryTest("cli")
{
    private static void NoStackTrace(Support.Cli.Result result) =>
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout, StringComparison.Ordinal);

    [Fact]
    public void Bad_manifest_is_one_message_and_exit_code_2()
    {
        var manifest = Path.Combine(Dir, "plugins.json");
        File.WriteAllText(manifest, """{ "plugins": [ { "path": "gone/Gone.dll" } ] }""");
        var result = Support.Cli.Run(Dir, null, "plugins", "validate", manifest);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{manifest}: plugin 'Gone': $.plugins[0]: file not found", result.Stderr);
        NoStackTrace(result);
    }

    [Fact]
    public void Plugins_list_shows_components_and_validate_succeeds()
    {
        var list = Support.Cli.Run(Repo.Root, null, "plugins", "list");
        Assert.Equal(0, list.ExitCode);
        foreach (var name in new[] { "ActorLab.Plugins.Core", "z-loss", "cross-entropy", "fedavg", "dirichlet", "mlp", "digits" })
        {
            Assert.Contains(name, list.Stdout);
        }

        var validate = Support.Cli.Run(Repo.Root, null, "plugins", "validate");
        Assert.Equal(0, validate.ExitCode);
        Assert.Contains("ok", validate.Stdout);
    }

    [Fact]
    public void Scenario_error_names_file_path_and_expectation()
    {
        var scenario = Path.Combine(Dir, "x.json");
        File.WriteAllText(scenario, """
            { "kind": "federated", "dataset": "digits", "model": "mlp", "rounds": 2, "clients": { "total": 100, "perRound": 0 } }
            """);
        var result = Support.Cli.Run(Repo.Root, null, "run", scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{scenario}: $.clients.perRound: must be between 1 and clients.total (100), got 0", result.Stderr);
        NoStackTrace(result);
    }

    [Fact]
    public void Run_with_json_prints_only_the_summary_and_writes_the_run_folder()
    {
        var scenario = Path.Combine(Dir, "small.json");
        File.WriteAllText(scenario, SmallRuns.MlpDirichlet);
        var result = Support.Cli.Run(Repo.Root, null, "run", scenario, "--json", "--output", Path.Combine(Dir, "runs"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var summary = JsonDocument.Parse(result.Stdout);
        var root = summary.RootElement;
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(3, root.GetProperty("roundsCompleted").GetInt32());
        Assert.True(root.GetProperty("samplesPerSecond").GetDouble() > 0);
        var folder = root.GetProperty("runDirectory").GetString()!;
        Assert.Equal(4, File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Length);
        Assert.True(File.Exists(Path.Combine(folder, "scenario.json")));
        Assert.True(File.Exists(Path.Combine(folder, "timings.csv")));
        foreach (var picture in new[] { "accuracy.png", "loss.png", "partition.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, picture));
            Assert.True(bytes.Length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', $"{picture} is not a PNG");
        }

        var partition = File.ReadAllLines(Path.Combine(folder, "partition.csv"));
        Assert.Equal("client,samples,label_0,label_1,label_2,label_3,label_4,label_5,label_6,label_7,label_8,label_9", partition[0]);
        Assert.Equal(11, partition.Length); // header + 10 clients
        Assert.All(partition.Skip(1), row =>
        {
            var cells = row.Split(',').Select(int.Parse).ToArray();
            Assert.Equal(cells[1], cells[2..].Sum());
        });
        Assert.False(File.Exists(Path.Combine(folder, "errors.log")), "drawing the plots failed; see errors.log");
        var metrics = File.ReadAllLines(Path.Combine(folder, "metrics.csv"));
        var accuracyColumn = Array.IndexOf(metrics[0].Split(','), "test_accuracy");
        var finalAccuracy = double.Parse(metrics[^1].Split(',')[accuracyColumn], CultureInfo.InvariantCulture);
        Assert.Equal(finalAccuracy, root.GetProperty("finalAccuracy").GetDouble());
        Assert.Contains("round 3/3", result.Stderr); // progress went to stderr
    }

    [Fact]
    public void Mkl_amd_fast_path_gives_the_same_results_as_the_slow_path_to_float_tolerance()
    {
        var scenario = Path.Combine(Dir, "mkl.json");
        File.WriteAllText(scenario, SmallRuns.MlpDirichlet);
        string[] Metrics(string setting, out string status, out bool kernelsFast)
        {
            var result = Support.Cli.Run(Repo.Root, new Dictionary<string, string> { ["ACTORLAB_MKL_AMD_FASTPATH"] = setting },
                "run", scenario, "--json", "--output", Path.Combine(Dir, "runs-" + setting));
            Assert.True(result.ExitCode == 0, result.Stderr);
            using var summary = JsonDocument.Parse(result.Stdout);
            status = summary.RootElement.GetProperty("mklAmdFastpath").GetString()!;
            kernelsFast = summary.RootElement.GetProperty("mklKernels").GetProperty("amdFastpath").GetBoolean();
            return File.ReadAllLines(Path.Combine(summary.RootElement.GetProperty("runDirectory").GetString()!, "metrics.csv"));
        }

        // "force" loads the shim on any vendor: on AMD that is the fast path itself, on Intel it exercises the
        // same loading path (MKL already takes its optimised kernels there).
        var slow = Metrics("0", out var slowStatus, out var slowKernels);
        var fast = Metrics("force", out var fastStatus, out var fastKernels);
        Assert.False(slowKernels);
        Assert.Contains("disabled by ACTORLAB_MKL_AMD_FASTPATH=0", slowStatus);
        if (File.Exists(Path.Combine(Path.GetDirectoryName(Repo.HostDll)!, "native", "libactorlab_mkl_amd_fastpath.so")))
        {
            Assert.StartsWith("MKL AMD fast path enabled", fastStatus);
            Assert.True(fastKernels);
        }
        else
        {
            // Built without a C compiler: the run must still work, and say why the fast path is off.
            Assert.Contains("not found", fastStatus);
        }

        Assert.Equal(slow.Length, fast.Length);
        Assert.Equal(slow[0], fast[0]);
        for (var row = 1; row < slow.Length; row++)
        {
            var a = slow[row].Split(',');
            var b = fast[row].Split(',');
            Assert.Equal(a[..4], b[..4]); // round, clients, samples: exact
            for (var column = 4; column < a.Length; column++)
            {
                Assert.Equal(a[column] == "", b[column] == ""); // columns without a value (no privacy) match too
                if (a[column] == "")
                {
                    continue;
                }

                var x = double.Parse(a[column], CultureInfo.InvariantCulture);
                var y = double.Parse(b[column], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(x - y) <= 1e-4 * Math.Max(1, Math.Abs(x)), $"row {row} column {column}: {x} vs {y}");
            }
        }
    }
}
