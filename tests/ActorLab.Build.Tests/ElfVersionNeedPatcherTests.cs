using System.Diagnostics;
using Xunit;

namespace ActorLab.Build.Tests;

/// <summary>Tests <see cref="ElfVersionNeedPatcher"/> on copies of the real libLibTorchSharp.so.</summary>
public sealed class ElfVersionNeedPatcherTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void PristineLibraryIsTheKnownTorchSharpBuild()
    {
        // Tripwire: the expected offsets below belong to this exact file. After a TorchSharp upgrade,
        // check with `readelf -V` whether GLIBCXX_3.4.32 is still required, then update the constants.
        Assert.True(File.Exists(TestEnvironment.PristineLibrary), $"Not found: {TestEnvironment.PristineLibrary}");
        Assert.Equal(TestEnvironment.PristineSha256, TestEnvironment.Sha256(TestEnvironment.PristineLibrary));
    }

    [Fact]
    public void PatchingChangesOnlyTheVnaFlagsFieldOfThatEntry()
    {
        string copy = _temp.CopyPristine();
        byte[] before = File.ReadAllBytes(copy);

        ElfPatchResult result = ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TestEnvironment.VersionName);

        Assert.Equal(ElfPatchOutcome.Patched, result.Outcome);
        ElfVersionNeedMatch match = Assert.Single(result.Matches);
        Assert.Equal("libstdc++.so.6", match.LibraryName);
        Assert.Equal(TestEnvironment.PristineFlagsOffset, match.FlagsFileOffset);
        Assert.Equal(0, match.OriginalFlags);
        Assert.Equal(ElfVersionNeedPatcher.VerFlagWeak, match.NewFlags);

        byte[] after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        long[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).Select(i => (long)i).ToArray();
        Assert.NotEmpty(changed);
        long flags = TestEnvironment.PristineFlagsOffset;
        Assert.All(changed, i => Assert.InRange(i, flags, flags + 1));

        // vna_flags is a 16-bit little-endian field: 0x0000 (none) becomes 0x0002 (VER_FLG_WEAK).
        Assert.Equal(new byte[] { 0x00, 0x00 }, before.AsSpan((int)flags, 2).ToArray());
        Assert.Equal(new byte[] { 0x02, 0x00 }, after.AsSpan((int)flags, 2).ToArray());
    }

    [Fact]
    public void PatchedFileParsesAndReportsAlreadyWeakWithoutBeingRewritten()
    {
        string copy = _temp.CopyPristine();
        ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TestEnvironment.VersionName);
        byte[] once = File.ReadAllBytes(copy);
        DateTime writtenAt = File.GetLastWriteTimeUtc(copy);

        ElfPatchResult second = ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TestEnvironment.VersionName);

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, second.Outcome);
        ElfVersionNeedMatch match = Assert.Single(second.Matches);
        Assert.Equal(ElfVersionNeedPatcher.VerFlagWeak, match.OriginalFlags);
        Assert.Equal(match.OriginalFlags, match.NewFlags);
        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(copy));
        Assert.Contains("already weak", second.ToString());
    }

    [Fact]
    public void OtherVersionRequirementsStayStrict()
    {
        string copy = _temp.CopyPristine();
        ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TestEnvironment.VersionName);

        // GLIBCXX_3.4.30 is the newest version Debian 12 has; it must still be a hard requirement.
        string probe = _temp.CopyPristine("probe/libLibTorchSharp.so");
        File.Copy(copy, probe, overwrite: true);
        ElfPatchResult result = ElfVersionNeedPatcher.MarkVersionNeedWeak(probe, "GLIBCXX_3.4.30");
        Assert.Equal(ElfPatchOutcome.Patched, result.Outcome);
        Assert.Equal(0, Assert.Single(result.Matches).OriginalFlags);
    }

    [Fact]
    public void VersionThatIsNotReferencedLeavesTheFileUntouched()
    {
        string copy = _temp.CopyPristine();

        ElfPatchResult result = ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, "GLIBCXX_9.9.99");

        Assert.Equal(ElfPatchOutcome.NotReferenced, result.Outcome);
        Assert.Empty(result.Matches);
        Assert.Equal(TestEnvironment.PristineSha256, TestEnvironment.Sha256(copy));
        Assert.Contains("does not require GLIBCXX_9.9.99", result.ToString());
    }

    [Fact]
    public void PatchingThroughASymbolicLinkLeavesTheLinkTargetAlone()
    {
        // A build with CreateSymbolicLinksForCopyLocalIfPossible links the output to the NuGet cache.
        string cacheCopy = _temp.CopyPristine("cache/libLibTorchSharp.so");
        string output = Path.Combine(_temp.Path, "out", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.CreateSymbolicLink(output, cacheCopy);

        ElfPatchResult result = ElfVersionNeedPatcher.MarkVersionNeedWeak(output, TestEnvironment.VersionName);

        Assert.Equal(ElfPatchOutcome.Patched, result.Outcome);
        Assert.Equal(TestEnvironment.PristineSha256, TestEnvironment.Sha256(cacheCopy));
        Assert.Null(new FileInfo(output).LinkTarget);
        Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionNeedPatcher.MarkVersionNeedWeak(output, TestEnvironment.VersionName).Outcome);
    }

    [Fact]
    public void PatchingThroughAHardLinkLeavesTheOtherLinkAlone()
    {
        // A build with CreateHardLinksForCopyLocalIfPossible hard-links the output to the NuGet cache.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string cacheCopy = _temp.CopyPristine("cache/libLibTorchSharp.so");
        string output = Path.Combine(_temp.Path, "out", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        using (Process ln = Process.Start("ln", [cacheCopy, output]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        ElfPatchResult result = ElfVersionNeedPatcher.MarkVersionNeedWeak(output, TestEnvironment.VersionName);

        Assert.Equal(ElfPatchOutcome.Patched, result.Outcome);
        Assert.Equal(TestEnvironment.PristineSha256, TestEnvironment.Sha256(cacheCopy));
        Assert.NotEqual(TestEnvironment.PristineSha256, TestEnvironment.Sha256(output));
    }

    [Fact]
    public void PatchingKeepsThePermissionBits()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string copy = _temp.CopyPristine();
        UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;
        File.SetUnixFileMode(copy, mode);

        ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TestEnvironment.VersionName);

        Assert.Equal(mode, File.GetUnixFileMode(copy));
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void NonElfFileGivesAClearException()
    {
        string text = _temp.Write("libLibTorchSharp.so", "this is not a shared library\n"u8.ToArray());

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionNeedWeak(text, TestEnvironment.VersionName));

        Assert.Contains("is not an ELF file", ex.Message);
        Assert.Contains(text, ex.Message);
    }

    [Fact]
    public void EmptyFileGivesAClearException()
    {
        string empty = _temp.Write("empty.so", []);

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionNeedWeak(empty, TestEnvironment.VersionName));

        Assert.Contains("is not an ELF file", ex.Message);
    }

    [Fact]
    public void Elf32FileGivesAClearException()
    {
        byte[] bytes = File.ReadAllBytes(TestEnvironment.PristineLibrary);
        bytes[4] = 1; // EI_CLASS = ELFCLASS32
        string path = _temp.Write("elf32.so", bytes);

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionNeedWeak(path, TestEnvironment.VersionName));

        Assert.Contains("is not a 64-bit ELF file", ex.Message);
    }

    [Fact]
    public void BigEndianFileGivesAClearException()
    {
        byte[] bytes = File.ReadAllBytes(TestEnvironment.PristineLibrary);
        bytes[5] = 2; // EI_DATA = ELFDATA2MSB
        string path = _temp.Write("be.so", bytes);

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionNeedWeak(path, TestEnvironment.VersionName));

        Assert.Contains("is not a little-endian ELF file", ex.Message);
    }

    [Fact]
    public void TruncatedFileGivesAClearException()
    {
        byte[] bytes = File.ReadAllBytes(TestEnvironment.PristineLibrary);
        string path = _temp.Write("truncated.so", bytes.AsSpan(0, 4096).ToArray());

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionNeedWeak(path, TestEnvironment.VersionName));

        Assert.Contains("truncated or malformed", ex.Message);
    }

    [Fact]
    public void VernauxChainPointingOutsideTheSectionGivesAClearException()
    {
        byte[] bytes = File.ReadAllBytes(TestEnvironment.PristineLibrary);
        // First Verneed entry (ld-linux-x86-64.so.2) sits at the start of .gnu.version_r; point its vn_aux far away.
        const int firstVerneed = 0x3f8f0;
        BitConverter.TryWriteBytes(bytes.AsSpan(firstVerneed + 8, 4), 0x7fff0000u);
        string path = _temp.Write("corrupt.so", bytes);

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionNeedWeak(path, TestEnvironment.VersionName));

        Assert.Contains("runs past the end of the version-needs section", ex.Message);
    }

    [ReadelfFact]
    public void ReadelfShowsTheEntryAsWeakAfterPatching()
    {
        string copy = _temp.CopyPristine();
        Assert.Contains("Flags: none", ReadelfLine(copy));

        ElfVersionNeedPatcher.MarkVersionNeedWeak(copy, TestEnvironment.VersionName);

        string line = ReadelfLine(copy);
        Assert.Contains("Flags: WEAK", line);
        Assert.Contains("Version: 18", line); // vna_other is untouched
    }

    /// <summary>The `readelf -V` line for the GLIBCXX_3.4.32 Vernaux entry.</summary>
    private static string ReadelfLine(string path)
    {
        var start = new ProcessStartInfo("readelf", ["-V", "-W", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return Assert.Single(output.Split('\n'), l => l.Contains($"Name: {TestEnvironment.VersionName} ")).Trim();
    }
}
