using System.Runtime.InteropServices;
using Xunit;

namespace ActorLab.Build.Tests;

/// <summary>Checks that the dynamic loader accepts the patched library.</summary>
public sealed class NativeLoadTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [LinuxX64Fact]
    public void PatchedLibraryLoads()
    {
        // libLibTorchSharp.so needs libtorch.so, libc10.so and libtorch_cpu.so, found through its
        // RUNPATH $ORIGIN, so link libtorch's files from the package folder next to the patched copy.
        foreach (string file in Directory.GetFiles(TestEnvironment.LibTorchNativeFolder))
        {
            File.CreateSymbolicLink(Path.Combine(_temp.Path, Path.GetFileName(file)), file);
        }

        string copy = _temp.CopyPristine();
        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TestEnvironment.VersionName).Outcome);

        // The library stays loaded for the rest of the test run: unloading libtorch is not safe.
        Assert.True(NativeLibrary.TryLoad(copy, out IntPtr handle), $"dlopen failed for {copy}");
        Assert.NotEqual(IntPtr.Zero, NativeLibrary.GetExport(handle, "THSTensor_ones"));
    }
}
