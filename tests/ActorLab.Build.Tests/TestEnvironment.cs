using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Xunit;

namespace ActorLab.Build.Tests;

/// <summary>Paths baked in at build time, and helpers shared by the tests.</summary>
internal static class TestEnvironment
{
    public const string VersionName = "GLIBCXX_3.4.32";

    /// <summary>SHA-256 of libLibTorchSharp.so from TorchSharp 0.107.0 (linux-x64), as published on NuGet.</summary>
    public const string PristineSha256 = "cf33b1b0bb6bbb9754a768fb5c5d04d9f498603be50e73f55621a0b40ee608b8";

    /// <summary>
    /// File offset of vna_flags in that file's GLIBCXX_3.4.32 Vernaux entry, from `readelf -V`:
    /// .gnu.version_r at file offset 0x3f8f0, entry at 0x140 within it, vna_flags 4 bytes into the entry.
    /// </summary>
    public const long PristineFlagsOffset = 0x3f8f0 + 0x140 + 4;

    public static string TorchSharpPackageRoot => Metadata("ActorLab.TorchSharpPackageRoot");

    public static string LibTorchPackageRoot => Metadata("ActorLab.LibTorchPackageRoot");

    public static string TargetsFile => Metadata("ActorLab.TorchSharpNativeTargets");

    /// <summary>The untouched library in the NuGet package folder. Tests only ever read it.</summary>
    public static string PristineLibrary => Path.Combine(TorchSharpPackageRoot, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    public static string LibTorchNativeFolder => Path.Combine(LibTorchPackageRoot, "runtimes", "linux-x64", "native");

    public static bool IsLinuxX64 => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The first file called <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Metadata(string key)
    {
        string? value = typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
        Assert.False(string.IsNullOrEmpty(value), $"Assembly metadata '{key}' is missing; it is set in ActorLab.Build.Tests.csproj.");
        return value!;
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("actorlab-elf-").FullName;
    }

    public string Path { get; }

    /// <summary>Copies the pristine library from the package folder into this folder.</summary>
    public string CopyPristine(string relativePath = "libLibTorchSharp.so")
    {
        string target = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Copy(TestEnvironment.PristineLibrary, target);
        return target;
    }

    public string Write(string name, byte[] content)
    {
        string target = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(target, content);
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}

/// <summary>A fact that runs only where readelf (binutils) is on PATH.</summary>
public sealed class ReadelfFactAttribute : FactAttribute
{
    public ReadelfFactAttribute()
    {
        if (TestEnvironment.FindOnPath("readelf") is null)
        {
            Skip = "readelf is not on PATH.";
        }
    }
}

/// <summary>A fact that runs only on linux-x64, where the library can be loaded.</summary>
public sealed class LinuxX64FactAttribute : FactAttribute
{
    public LinuxX64FactAttribute()
    {
        if (!TestEnvironment.IsLinuxX64)
        {
            Skip = "Loading libLibTorchSharp.so needs linux-x64.";
        }
    }
}
