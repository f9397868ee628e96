/*
 * mkl_amd_fastpath.c - let libtorch's bundled Intel MKL use its AVX2/AVX-512 kernels on AMD CPUs.
 *
 * Why: libtorch_cpu.so (NuGet libtorch-cpu-linux-x64 2.10.0) statically contains oneMKL. MKL picks
 * its BLAS kernels in the internal __detect_real_cpu(), which first calls
 * mkl_serv_intel_cpu_true() - a CPUID vendor check for "GenuineIntel". On any other vendor
 * (AuthenticAMD) it returns 0 and MKL drops to its generic "def" kernels, roughly halving sgemm
 * speed for the small matrices ActorLab trains (32x784 * 784x200 ~105 us vs ~56 us, one thread).
 * MKL_DEBUG_CPU_TYPE=5 was removed in MKL 2020.1 and MKL_ENABLE_INSTRUCTIONS can only restrict,
 * so neither helps.
 *
 * How: mkl_serv_intel_cpu_true is an exported (dynamic) symbol of libtorch_cpu.so and the
 * dispatcher calls it through the PLT (R_X86_64_JUMP_SLOT relocation, no -Bsymbolic), so a
 * definition that is already in the global symbol scope when libtorch_cpu.so is loaded wins.
 * ActorLab.Host dlopen()s this library with RTLD_NOW | RTLD_GLOBAL before TorchSharp loads
 * libtorch (see host/ActorLab.Host/Torch/MklAmdFastpath.cs); LD_PRELOAD works too.
 *
 * Only this one symbol is needed for kernel selection. mkl_serv_intel_cpu() (used by some BLAS
 * threading drivers) does its own inlined CPUID check and cannot be redirected through this
 * function; it is deliberately left alone. On an Intel CPU this override is a no-op.
 *
 * Built by build/MklAmdFastpath.targets into $(OutDir)native/libactorlab_mkl_amd_fastpath.so.
 */
int mkl_serv_intel_cpu_true(void);

__attribute__((visibility("default"))) int mkl_serv_intel_cpu_true(void)
{
    return 1;
}
