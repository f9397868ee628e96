using System.Runtime.InteropServices;

namespace ActorLab.Host.Torch;

/// <summary>
/// Outcome of <see cref="MklAmdFastpath.TryEnable(string)"/>. Exactly one of the derived records;
/// <see cref="ToString"/> gives a one-line description suitable for a startup log.
/// </summary>
public abstract record MklAmdFastpathStatus
{
    private MklAmdFastpathStatus()
    {
    }

    /// <summary>True when the override library is loaded into the global symbol scope.</summary>
    public bool IsEnabled => this is Enabled;

    /// <summary>The override library is loaded; MKL will pick its AVX2/AVX-512 kernels on this AMD CPU.</summary>
    public sealed record Enabled(string LibraryPath) : MklAmdFastpathStatus
    {
        /// <inheritdoc />
        public override string ToString() => $"MKL AMD fast path enabled ({LibraryPath})";
    }

    /// <summary>Turned off with <c>ACTORLAB_MKL_AMD_FASTPATH=0</c>.</summary>
    public sealed record DisabledByUser : MklAmdFastpathStatus
    {
        /// <inheritdoc />
        public override string ToString() => $"MKL AMD fast path disabled by {MklAmdFastpath.EnvironmentVariable}=0";
    }

    /// <summary>The CPU is not an AMD one (MKL already takes its fast path on Intel); nothing to do.</summary>
    public sealed record NotAmd(string? VendorId) : MklAmdFastpathStatus
    {
        /// <inheritdoc />
        public override string ToString() => $"MKL AMD fast path not needed (CPU vendor {VendorId ?? "unknown"})";
    }

    /// <summary>Not running on Linux; the override is Linux-only.</summary>
    public sealed record NotLinux : MklAmdFastpathStatus
    {
        /// <inheritdoc />
        public override string ToString() => "MKL AMD fast path not available (not Linux)";
    }

    /// <summary>The library was not built (no C compiler at build time) or not deployed.</summary>
    public sealed record LibraryMissing(string Path) : MklAmdFastpathStatus
    {
        /// <inheritdoc />
        public override string ToString() => $"MKL AMD fast path skipped: {Path} not found";
    }

    /// <summary><c>dlopen</c> failed; <paramref name="Reason"/> is <c>dlerror()</c>'s text or the exception message.</summary>
    public sealed record LoadFailed(string Reason) : MklAmdFastpathStatus
    {
        /// <inheritdoc />
        public override string ToString() => $"MKL AMD fast path failed to load: {Reason}";
    }
}

/// <summary>
/// Makes the Intel MKL that is statically linked into libtorch (libtorch_cpu.so) use its optimised
/// AVX2/AVX-512 kernels on AMD CPUs.
/// </summary>
/// <remarks>
/// <para>
/// MKL chooses its BLAS kernels once, in an internal dispatcher that first calls the exported
/// function <c>mkl_serv_intel_cpu_true()</c>, a CPUID check for "GenuineIntel". On AMD it returns
/// 0 and MKL falls back to generic kernels: a one-thread 32x784 by 784x200 <c>linear</c> takes about
/// 105 us instead of about 56 us, and ActorLab's small-MLP training is dominated by such GEMMs.
/// <c>MKL_DEBUG_CPU_TYPE=5</c> no longer works (removed in MKL 2020.1), and
/// <c>MKL_ENABLE_INSTRUCTIONS</c> can only restrict the instruction set.
/// </para>
/// <para>
/// libtorch_cpu.so calls <c>mkl_serv_intel_cpu_true</c> through its PLT, so a definition that is
/// already in the process's global symbol scope when libtorch is loaded takes precedence. The tiny
/// library <c>native/libactorlab_mkl_amd_fastpath.so</c> (built by build/MklAmdFastpath.targets from
/// native/mkl-amd-fastpath/mkl_amd_fastpath.c) defines it as <c>return 1;</c>.
/// <see cref="TryEnable(string)"/> loads that library with <c>RTLD_NOW | RTLD_GLOBAL</c>; it must
/// run before the first TorchSharp call, because TorchSharp loads libtorch on first use and the
/// binding happens then. The handle is kept for the life of the process (never <c>dlclose</c>d).
/// </para>
/// <para>
/// Results stay within floating-point tolerance of the generic path but are not guaranteed to be
/// bit-identical (different kernels, different summation order). Set
/// <c>ACTORLAB_MKL_AMD_FASTPATH=0</c> to turn it off, e.g. to compare against the unpatched path.
/// </para>
/// </remarks>
public static class MklAmdFastpath
{
    /// <summary>
    /// Environment variable: <c>0</c> turns the fast path off; <c>force</c> loads it on any vendor (on Intel it
    /// changes nothing, which is how the test exercises the loading path on Intel machines).
    /// </summary>
    public const string EnvironmentVariable = "ACTORLAB_MKL_AMD_FASTPATH";

    /// <summary>File name of the override library, looked up under <c>&lt;baseDirectory&gt;/native/</c>.</summary>
    public const string LibraryFileName = "libactorlab_mkl_amd_fastpath.so";

    private const int RtldNow = 0x2;
    private const int RtldGlobal = 0x100;

    private static readonly object Gate = new();
    private static IntPtr handle;
    private static MklAmdFastpathStatus? enabledStatus;

    /// <summary>The <c>dlopen</c> handle of the loaded override library, or <see cref="IntPtr.Zero"/>.</summary>
    internal static IntPtr Handle => handle;

    /// <summary>
    /// Loads the MKL override library when running on Linux on an AMD CPU and not turned off by
    /// <c>ACTORLAB_MKL_AMD_FASTPATH=0</c>. Call once at startup, before any TorchSharp API is used.
    /// Never throws; calling it again after success returns the same <see cref="MklAmdFastpathStatus.Enabled"/>.
    /// </summary>
    /// <param name="baseDirectory">Application directory holding <c>native/libactorlab_mkl_amd_fastpath.so</c>,
    /// normally <see cref="AppContext.BaseDirectory"/>.</param>
    /// <returns>What happened; log it.</returns>
    public static MklAmdFastpathStatus TryEnable(string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);

        if (!OperatingSystem.IsLinux())
        {
            return new MklAmdFastpathStatus.NotLinux();
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim() == "0")
        {
            return new MklAmdFastpathStatus.DisabledByUser();
        }

        var vendor = ReadCpuVendor();
        var forced = string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim(), "force", StringComparison.OrdinalIgnoreCase);
        if (!forced && !string.Equals(vendor, "AuthenticAMD", StringComparison.Ordinal))
        {
            return new MklAmdFastpathStatus.NotAmd(vendor);
        }

        var path = Path.Combine(Path.GetFullPath(baseDirectory), "native", LibraryFileName);
        if (!File.Exists(path))
        {
            return new MklAmdFastpathStatus.LibraryMissing(path);
        }

        lock (Gate)
        {
            if (enabledStatus is not null)
            {
                return enabledStatus;
            }

            try
            {
                // Calling dlerror first clears any stale error and binds the P/Invoke now: binding it
                // lazily after a failed dlopen would itself use the loader and wipe the message.
                _ = NativeMethods.dlerror();
                var h = NativeMethods.dlopen(Utf8Z(path), RtldNow | RtldGlobal);
                if (h == IntPtr.Zero)
                {
                    var error = NativeMethods.dlerror();
                    return new MklAmdFastpathStatus.LoadFailed(
                        error == IntPtr.Zero ? "dlopen returned NULL" : Marshal.PtrToStringUTF8(error) ?? "dlopen returned NULL");
                }

                handle = h; // Kept forever: unloading would leave libtorch bound to unmapped code.
                enabledStatus = new MklAmdFastpathStatus.Enabled(path);
                return enabledStatus;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                return new MklAmdFastpathStatus.LoadFailed(ex.Message);
            }
        }
    }

    /// <summary>
    /// Returns the <c>vendor_id</c> of the first processor in /proc/cpuinfo (e.g. <c>AuthenticAMD</c>,
    /// <c>GenuineIntel</c>), or null when it cannot be read.
    /// </summary>
    internal static string? ReadCpuVendor(string cpuinfoPath = "/proc/cpuinfo")
    {
        try
        {
            foreach (var line in File.ReadLines(cpuinfoPath))
            {
                if (!line.StartsWith("vendor_id", StringComparison.Ordinal))
                {
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? null : line[(colon + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static byte[] Utf8Z(string s)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(s) + 1];
        System.Text.Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    private static class NativeMethods
    {
        // glibc >= 2.34 exports dlopen/dlerror from libc.so.6 (Debian 12 ships 2.36); "libc" resolves to it.
        // The path is passed as NUL-terminated UTF-8 bytes (see Utf8Z) rather than a marshalled string.
        [DllImport("libc", EntryPoint = "dlopen")]
        internal static extern IntPtr dlopen(byte[] fileName, int flags);

        [DllImport("libc", EntryPoint = "dlerror")]
        internal static extern IntPtr dlerror();
    }
}
