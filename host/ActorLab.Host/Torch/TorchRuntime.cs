using System.Runtime.InteropServices;
using TorchSharp;

namespace ActorLab.Host.Torch;

/// <summary>What <see cref="TorchRuntime.Initialize"/> set up, for the run summary.</summary>
/// <param name="IntraOpThreads">libtorch intra-op threads (1: parallelism comes from actors).</param>
/// <param name="MklAmdFastpath">Whether MKL's fast path on AMD was enabled, and if not why.</param>
public sealed record TorchRuntimeInfo(int IntraOpThreads, string MklAmdFastpath);

/// <summary>
/// Prepares libtorch once per process, before the first tensor: the MKL fast path on AMD (which must be
/// in place before libtorch loads) and one intra-op thread, because trainer actors already use every core
/// and libtorch's own pool on top of them oversubscribes and runs slower.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<TorchRuntimeInfo> Info = new(() =>
    {
        // libgomp and MKL read these when libtorch loads: without them every actor thread's ops open
        // OpenMP/MKL regions with one thread per core on top of the actors (measured: 47k -> 61k samples/s
        // on the FedAvg benchmark, 2 cores). A value the user set wins.
        SetDefaultNativeEnvironment("OMP_NUM_THREADS", "1");
        SetDefaultNativeEnvironment("MKL_NUM_THREADS", "1");
        var fastpath = MklAmdFastpath.TryEnable(AppContext.BaseDirectory);
        torch.set_num_threads(1);
        torch.set_num_interop_threads(1);
        return new TorchRuntimeInfo(torch.get_num_threads(), fastpath.ToString());
    });

    /// <summary>Initialises libtorch (idempotent) and returns what was set. Call before the first tensor.</summary>
    public static TorchRuntimeInfo Initialize() => Info.Value;

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
}
