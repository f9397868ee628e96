using System.Runtime.InteropServices;
using TorchSharp;

namespace ActorLab.Host.Torch;

/// <summary>
/// libtorch intra-op threads for the work of one actor message. The host runs libtorch with one intra-op thread
/// (<see cref="TorchRuntime"/>: actors use the cores), which suits many small actors; a single trainer that should use
/// several cores asks for more around its own work. Only the calling thread changes: its OpenMP thread count
/// (<c>omp_set_num_threads</c> of libtorch's bundled libgomp) and its MKL thread count (<c>mkl_set_num_threads_local</c>),
/// the two settings <c>at::set_num_threads</c> makes per thread. <c>torch.set_num_threads</c> itself is not used: it also
/// stores the count process-wide, and a thread of another run that did its first parallel op meanwhile would keep it.
/// Results are reproducible for a given count; kernels split their sums by the count, so another count gives other
/// low-order digits, never run to run.
/// </summary>
public readonly struct IntraOpThreads : IDisposable
{
    private static readonly Lazy<NativeThreadCounts?> Native = new(NativeThreadCounts.Find);
    private readonly int _previousOpenMp;
    private readonly int _previousMkl;

    private IntraOpThreads(int previousOpenMp, int previousMkl) => (_previousOpenMp, _previousMkl) = (previousOpenMp, previousMkl);

    /// <summary>
    /// Computes with <paramref name="threads"/> intra-op threads on this thread until disposed; 1 changes nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">libtorch's OpenMP or MKL thread controls are not in this process.</exception>
    public static IntraOpThreads Use(int threads)
    {
        if (threads <= 1)
        {
            return default;
        }

        var native = Native.Value ?? throw new InvalidOperationException(
            "optimization.threads > 1 needs libtorch's bundled OpenMP runtime (libgomp) and MKL, which this process has not loaded; use threads 1");
        // libtorch sets a thread's counts from its process-wide value on the thread's first parallel op; asking for the
        // count first makes that happen now, so it cannot overwrite the count set here later.
        _ = torch.get_num_threads();
        var previousOpenMp = native.OpenMpMaxThreads();
        native.SetOpenMpThreads(threads);
        var previousMkl = native.SetMklThreadsLocal(threads);
        return new IntraOpThreads(previousOpenMp, previousMkl);
    }

    /// <summary>The intra-op threads libtorch computes with on this thread.</summary>
    public static int Current => torch.get_num_threads();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_previousOpenMp > 0 && Native.Value is { } native)
        {
            native.SetOpenMpThreads(_previousOpenMp);
            native.SetMklThreadsLocal(_previousMkl);
        }
    }

    /// <summary>
    /// The per-thread controls, found in the libraries libtorch loaded. MKL's C entry point is MKL_Set_Num_Threads_Local;
    /// the lower-case export of the same name is its Fortran twin, which takes a pointer.
    /// </summary>
    private sealed class NativeThreadCounts(IntPtr openMpSet, IntPtr openMpGet, IntPtr mklLocal)
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void SetCount(int count);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int GetCount();

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int SetCountReturningPrevious(int count);

        private readonly SetCount _openMpSet = Marshal.GetDelegateForFunctionPointer<SetCount>(openMpSet);
        private readonly GetCount _openMpGet = Marshal.GetDelegateForFunctionPointer<GetCount>(openMpGet);
        private readonly SetCountReturningPrevious _mklLocal = Marshal.GetDelegateForFunctionPointer<SetCountReturningPrevious>(mklLocal);

        public void SetOpenMpThreads(int count) => _openMpSet(count);

        public int OpenMpMaxThreads() => _openMpGet();

        /// <summary>Sets this thread's MKL count; returns the previous one (0: the process-wide setting applies).</summary>
        public int SetMklThreadsLocal(int count) => _mklLocal(count);

        public static NativeThreadCounts? Find()
        {
            _ = torch.get_num_threads(); // loads libtorch if nothing has yet
            var openMp = LoadedNativeLibraries.PathStartingWith("libgomp");
            var libtorch = LoadedNativeLibraries.PathOf("libtorch_cpu.so");
            // The handles stay open for the life of the process (libtorch does not unload either).
            return openMp is not null && libtorch is not null
                && NativeLibrary.TryLoad(openMp, out var gomp) && NativeLibrary.TryLoad(libtorch, out var torchCpu)
                && NativeLibrary.TryGetExport(gomp, "omp_set_num_threads", out var set)
                && NativeLibrary.TryGetExport(gomp, "omp_get_max_threads", out var get)
                && NativeLibrary.TryGetExport(torchCpu, "MKL_Set_Num_Threads_Local", out var mkl)
                ? new NativeThreadCounts(set, get, mkl)
                : null;
        }
    }
}
