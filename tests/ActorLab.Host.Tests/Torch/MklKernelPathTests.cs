using System.Text.Json;
using ActorLab.Host.Resume;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using ActorLab.Host.Torch;
using Xunit;

namespace ActorLab.Host.Tests.Torch;

/// <summary>
/// Every process of a run computes with the same MKL kernels: the test host is on the program's path (so in-process and
/// CLI runs compare bit for bit on AMD too), the path is recorded, and a resume or cluster node on another path is refused.
/// </summary>
public sealed class MklKernelPathTests() : TempDirectoryTest("mkl-kernels")
{
    private static readonly MklKernelPath AmdFast = new("AuthenticAMD", 7, true);

    /// <summary>The shim was built next to the program (a C compiler was there at build time).</summary>
    public static bool ShimBuilt => File.Exists(Path.Combine(Path.GetDirectoryName(Repo.HostDll)!, "native", MklAmdFastpath.LibraryFileName));

    /// <summary>
    /// The environment that puts a CLI process on the other fast-path setting than this test host: off where the host has
    /// it (AMD), forced on where it has not (Intel, where the shim loads but changes no kernel).
    /// </summary>
    public static IDictionary<string, string> OtherKernelPath => new Dictionary<string, string>
    {
        [MklAmdFastpath.EnvironmentVariable] = TorchRuntime.Initialize().MklKernels.AmdFastpath ? "0" : "force",
    };

    [Fact]
    public void The_test_host_computes_with_the_programs_MKL_kernels()
    {
        var info = Support.Cli.Run(Dir, null, "info", "--json");
        Assert.True(info.ExitCode == 0, info.Stderr);
        using var facts = JsonDocument.Parse(info.Stdout);
        var program = facts.RootElement.GetProperty("mklKernels").Deserialize<MklKernelPath>(ActorLab.Host.Results.ResultsJson.Options)!;
        var here = TorchRuntime.Initialize().MklKernels;
        Assert.Equal(program, here);
        Assert.Equal(MklAmdFastpath.ReadCpuVendor(), here.CpuVendor);
        Assert.True(here.MklBranch >= 0, "MKL inside libtorch did not answer mkl_serv_cpu_detect");
        // On AMD the shipped default is the fast path, in the program and here alike.
        Assert.Equal(here.CpuVendor == "AuthenticAMD" && ShimBuilt, here.AmdFastpath);
    }

    [Fact]
    public void Same_path_matches_and_another_says_what_to_change()
    {
        Assert.Null(AmdFast.Mismatch(AmdFast with { }));

        var generic = AmdFast.Mismatch(AmdFast with { AmdFastpath = false })!;
        Assert.Contains("'AuthenticAMD, MKL branch 7, AMD fast path on'", generic, StringComparison.Ordinal);
        Assert.Contains("'AuthenticAMD, MKL branch 7, AMD fast path off'", generic, StringComparison.Ordinal);
        Assert.Contains("unset ACTORLAB_MKL_AMD_FASTPATH", generic, StringComparison.Ordinal);
        Assert.Contains("set ACTORLAB_MKL_AMD_FASTPATH=0", (AmdFast with { AmdFastpath = false }).Mismatch(AmdFast), StringComparison.Ordinal);

        // What an EPYC really reports: the fast path off drops MKL to branch 0, and the setting is still the fix.
        var epycGeneric = new MklKernelPath("AuthenticAMD", 0, false);
        Assert.Contains("unset ACTORLAB_MKL_AMD_FASTPATH", AmdFast.Mismatch(epycGeneric), StringComparison.Ordinal);
        Assert.Contains("set ACTORLAB_MKL_AMD_FASTPATH=0", epycGeneric.Mismatch(AmdFast), StringComparison.Ordinal);

        Assert.Contains("same kind of CPU (AuthenticAMD, MKL branch 7)", AmdFast.Mismatch(new MklKernelPath("GenuineIntel", 7, true)), StringComparison.Ordinal);
        Assert.Contains("same kind of CPU", AmdFast.Mismatch(AmdFast with { MklBranch = 5 }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shim_loaded_after_libtorch_is_refused_and_nothing_else_is()
    {
        var enabled = new MklAmdFastpathStatus.Enabled("/x/native/libactorlab_mkl_amd_fastpath.so");
        var refusal = TorchRuntime.LateShimRefusal(enabled, libtorchLoadedFirst: true);
        Assert.NotNull(refusal);
        Assert.Contains("TorchRuntime.Initialize() before the first TorchSharp call", refusal, StringComparison.Ordinal);
        Assert.Null(TorchRuntime.LateShimRefusal(enabled, libtorchLoadedFirst: false));
        // Without the shim the path is the generic one whether or not libtorch came first: nothing is unknown.
        Assert.Null(TorchRuntime.LateShimRefusal(new MklAmdFastpathStatus.NotAmd("GenuineIntel"), libtorchLoadedFirst: true));
        Assert.Null(TorchRuntime.LateShimRefusal(new MklAmdFastpathStatus.LibraryMissing("/x"), libtorchLoadedFirst: true));
        Assert.Null(TorchRuntime.LateShimRefusal(new MklAmdFastpathStatus.DisabledByUser(), libtorchLoadedFirst: true));
    }

    [Fact]
    public void Loaded_libraries_are_read_from_the_process_maps()
    {
        var maps = Path.Combine(Dir, "maps");
        File.WriteAllLines(maps,
        [
            "7f00-7f10 r-xp 00000000 fd:01 123 /opt/x/runtimes/linux-x64/native/libtorch_cpu.so",
            "7f20-7f30 r--p 00000000 00:00 0 [heap]",
            "7f40-7f50 r-xp 00000000 fd:01 456 /opt/x/libtorch_cpu.so.bak",
        ]);
        Assert.Equal("/opt/x/runtimes/linux-x64/native/libtorch_cpu.so", LoadedNativeLibraries.PathOf("libtorch_cpu.so", maps));
        Assert.Null(LoadedNativeLibraries.PathOf("libc10.so", maps));
        Assert.Null(LoadedNativeLibraries.PathOf("libtorch_cpu.so", Path.Combine(Dir, "missing")));
        // This process has libtorch loaded (the test host prepared it first).
        Assert.NotNull(LoadedNativeLibraries.PathOf("libtorch_cpu.so"));
    }

    [SkippableFact]
    public async Task A_resume_on_other_MKL_kernels_is_refused_and_changes_nothing()
    {
        Skip.IfNot(ShimBuilt, "the MKL fast-path shim was not built (no C compiler), so no process can be put on the other path");
        var scenario = Path.Combine(Dir, "scenario.json");
        File.WriteAllText(scenario, SmallRuns.MlpDirichlet.Replace("\"rounds\": 3", "\"rounds\": 8", StringComparison.Ordinal));
        var runs = Path.Combine(Dir, "runs");
        var request = new RunRequest(scenario, Repo.Manifest, runs, 2) { Journal = new JournalSettings("sqlite", null) };
        var (_, plan) = RunLauncher.Prepare(request);
        using var cancel = new CancellationTokenSource();
        var cancelled = await RunLauncher.RunAsync(request, plan, new CancelAfterRound(1, cancel), cancel.Token);
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal(TorchRuntime.Initialize().MklKernels, cancelled.MklKernels);
        Assert.Equal(cancelled.MklKernels, ResumeRecord.Read(cancelled.RunDirectory)!.MklKernels);
        var metrics = File.ReadAllText(Path.Combine(cancelled.RunDirectory, "metrics.csv"));
        var runId = Path.GetFileName(cancelled.RunDirectory);

        var refused = Support.Cli.Run(Dir, OtherKernelPath, "resume", runId, "--plugins", Repo.Manifest, "--output", runs, "--json");
        Assert.True(refused.ExitCode == 2, $"exit {refused.ExitCode}\n{refused.Stderr}");
        Assert.Contains($"error: run '{runId}' cannot resume in this process: the run computes with MKL kernels", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("would not be bit-identical", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(metrics, File.ReadAllText(Path.Combine(cancelled.RunDirectory, "metrics.csv")));

        var resumed = Support.Cli.Run(Dir, null, "resume", runId, "--plugins", Repo.Manifest, "--output", runs, "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        using var summary = JsonDocument.Parse(resumed.Stdout);
        Assert.Equal("completed", summary.RootElement.GetProperty("status").GetString());
    }
}
