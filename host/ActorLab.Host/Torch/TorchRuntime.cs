using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace ActorLab.Host.Torch;

/// <summary>What <see cref="TorchRuntime.Initialize"/> set up, for the run summary.</summary>
/// <param name="IntraOpThreads">libtorch intra-op threads (1: parallelism comes from actors).</param>
/// <param name="MklAmdFastpath">Whether MKL's fast path on AMD was enabled, and if not why.</param>
/// <param name="MklKernels">The MKL kernel path this process computes with (what bit-identical results need to share).</param>
public sealed record TorchRuntimeInfo(int IntraOpThreads, string MklAmdFastpath, MklKernelPath MklKernels);

/// <summary>libtorch was loaded before the host could choose MKL's kernel path, so this process may compute differently from others.</summary>
public sealed class TorchRuntimeException(string message) : InvalidOperationException(message);

/// <summary>
/// Prepares libtorch once per process, before the first tensor: the MKL fast path on AMD (which must be
/// in place before libtorch loads) and one intra-op thread, because trainer actors already use every core
/// and libtorch's own pool on top of them oversubscribes and runs slower.
/// </summary>
/// <remarks>
/// The native part (thread variables, the fast-path shim) runs as soon as the host's assembly is first used, from a
/// module initializer, so that a library caller (a test, a notebook) that touches any host type before TorchSharp gets
/// the same kernels as the <c>actorlab</c> program. A caller that ran TorchSharp first on a machine where the shim
/// would load gets a <see cref="TorchRuntimeException"/> from <see cref="Initialize"/> rather than silently other kernels.
/// </remarks>
public static class TorchRuntime
{
    private static readonly Lazy<NativePreparation> Native = new(PrepareNative);
    private static readonly Lazy<TorchRuntimeInfo> Info = new(() =>
    {
        var native = Native.Value;
        var refusal = LateShimRefusal(native.Fastpath, native.LibtorchLoadedFirst);
        if (refusal is not null)
        {
            throw new TorchRuntimeException(refusal);
        }

        torch.set_num_threads(1);
        torch.set_num_interop_threads(1);
        var kernels = new MklKernelPath(MklAmdFastpath.ReadCpuVendor() ?? "unknown", MklKernelPath.DetectMklBranch(), native.Fastpath.IsEnabled);
        return new TorchRuntimeInfo(torch.get_num_threads(), native.Fastpath.ToString(), kernels);
    });

    /// <summary>Initialises libtorch (idempotent) and returns what was set. Call before the first tensor.</summary>
    /// <exception cref="TorchRuntimeException">libtorch was already loaded without the fast path this machine takes.</exception>
    public static TorchRuntimeInfo Initialize() => Info.Value;

    /// <summary>Runs the native preparation as soon as the host's assembly is used (see the remarks).</summary>
#pragma warning disable CA2255 // deliberate: the shim must be in place before any code can load libtorch
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void PrepareWhenLoaded() => _ = Native.Value;

    /// <summary>
    /// Why a process whose fast-path attempt gave <paramref name="fastpath"/> cannot trust its kernel path; null when it
    /// can. The shim only takes effect when it is in the global scope before libtorch binds MKL's CPU check, so a shim
    /// loaded after libtorch leaves the path unknown.
    /// </summary>
    internal static string? LateShimRefusal(MklAmdFastpathStatus fastpath, bool libtorchLoadedFirst) =>
        fastpath.IsEnabled && libtorchLoadedFirst
            ? "libtorch was loaded before ActorLab could put the MKL AMD fast path in place, so this process's MKL kernels "
              + "may differ from the actorlab program's and its results would not be bit-identical to theirs. Call "
              + "ActorLab.Host.Torch.TorchRuntime.Initialize() before the first TorchSharp call, or set "
              + $"{MklAmdFastpath.EnvironmentVariable}=0 in every process of the run"
            : null;

    private static NativePreparation PrepareNative()
    {
        // libgomp and MKL read these when libtorch loads: without them every actor thread's ops open
        // OpenMP/MKL regions with one thread per core on top of the actors (measured: 47k -> 61k samples/s
        // on the FedAvg benchmark, 2 cores). A value the user set wins.
        SetDefaultNativeEnvironment("OMP_NUM_THREADS", "1");
        SetDefaultNativeEnvironment("MKL_NUM_THREADS", "1");
        var libtorchLoadedFirst = LoadedNativeLibraries.PathOf("libtorch_cpu.so") is not null;
        return new NativePreparation(MklAmdFastpath.TryEnable(ShimDirectory()), libtorchLoadedFirst);
    }

    /// <summary>
    /// Where <c>native/</c> with the shim is: next to the program, or, for a library caller whose program is something
    /// else (a test host), next to the host's assembly.
    /// </summary>
    private static string ShimDirectory()
    {
        var program = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(program, "native", MklAmdFastpath.LibraryFileName)))
        {
            return program;
        }

        var assembly = Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location);
        return string.IsNullOrEmpty(assembly) ? program : assembly;
    }

    /// <summary>
    /// Sets a variable in the native environment (what getenv in libgomp and MKL sees; .NET's
    /// Environment.SetEnvironmentVariable only changes the managed copy on Unix) unless it is already set.
    /// </summary>
    private static void SetDefaultNativeEnvironment(string name, string value)
    {
        if (OperatingSystem.IsWindows() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            return;
        }

        Environment.SetEnvironmentVariable(name, value);
        _ = setenv(name, value, 0);
    }

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int setenv(string name, string value, int overwrite);

    /// <summary>What the native preparation found and did.</summary>
    private sealed record NativePreparation(MklAmdFastpathStatus Fastpath, bool LibtorchLoadedFirst);
}
