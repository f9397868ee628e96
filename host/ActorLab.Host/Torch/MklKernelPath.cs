using System.Runtime.InteropServices;

namespace ActorLab.Host.Torch;

/// <summary>
/// Which family of MKL kernels this process's libtorch computes with: the identity two processes must share for their
/// floating-point results to be bit-identical. Recorded in <c>summary.json</c> and <c>resume.json</c>; a resume or a
/// cluster node on another path is refused.
/// </summary>
/// <remarks>
/// MKL picks its kernels once per process from the CPU (<c>mkl_serv_cpu_detect</c>, the code branch it dispatches to)
/// and, on AMD, from whether <c>mkl_serv_intel_cpu_true</c> was overridden by the fast-path shim
/// (<see cref="MklAmdFastpath"/>). The AMD fast path and the generic path sum in different orders, so a run that
/// mixes them (a CLI run resumed by a process without the shim, a cluster node with <c>ACTORLAB_MKL_AMD_FASTPATH=0</c>)
/// drifts in the last bits. On Intel the shim changes nothing, but it is still recorded: <c>force</c> is how the
/// tests exercise the refusal there.
/// </remarks>
/// <param name="CpuVendor">The CPU's vendor id (<c>GenuineIntel</c>, <c>AuthenticAMD</c>), or <c>unknown</c>.</param>
/// <param name="MklBranch">The code branch MKL dispatches to (<c>mkl_serv_cpu_detect()</c>), -1 when it cannot be asked.</param>
/// <param name="AmdFastpath">Whether the fast-path shim was in place before libtorch loaded.</param>
public sealed record MklKernelPath(string CpuVendor, int MklBranch, bool AmdFastpath)
{
    /// <summary>One line for people: <c>AuthenticAMD, MKL branch 7, AMD fast path on</c>.</summary>
    public override string ToString() =>
        $"{CpuVendor}, MKL branch {(MklBranch < 0 ? "unknown" : MklBranch.ToString(System.Globalization.CultureInfo.InvariantCulture))}, AMD fast path {(AmdFastpath ? "on" : "off")}";

    /// <summary>
    /// Why a process on <paramref name="now"/> may not continue work started on this path, with what to do; null when
    /// the two compute alike.
    /// </summary>
    public string? Mismatch(MklKernelPath now)
    {
        if (this == now)
        {
            return null;
        }

        // On AMD the fast path is what moves MKL to its AVX2 branch (7 instead of 0): same CPU, other setting.
        var fix = CpuVendor != now.CpuVendor || (AmdFastpath == now.AmdFastpath && MklBranch != now.MklBranch)
            ? $"continue it on a machine with the same kind of CPU ({CpuVendor}, MKL branch {MklBranch})"
            : AmdFastpath
                ? $"unset {MklAmdFastpath.EnvironmentVariable} (or set it to force) so that the fast path loads again"
                : $"set {MklAmdFastpath.EnvironmentVariable}=0 as the run had it";
        return $"the run computes with MKL kernels '{this}' and this process with '{now}', so its results would not be bit-identical; {fix}";
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CpuDetect();

    /// <summary>Asks the MKL inside the loaded libtorch which branch it dispatches to; -1 when libtorch is not loaded or has no such export.</summary>
    internal static int DetectMklBranch()
    {
        var library = LoadedNativeLibraries.PathOf("libtorch_cpu.so");
        if (library is null || !NativeLibrary.TryLoad(library, out var handle))
        {
            return -1;
        }

        try
        {
            if (!NativeLibrary.TryGetExport(handle, "mkl_serv_cpu_detect", out var detect))
            {
                return -1;
            }

            return Marshal.GetDelegateForFunctionPointer<CpuDetect>(detect)();
        }
        finally
        {
            NativeLibrary.Free(handle); // only drops the reference TryLoad added; TorchSharp keeps libtorch loaded
        }
    }
}
