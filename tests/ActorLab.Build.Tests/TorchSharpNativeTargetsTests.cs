using System.Diagnostics;
using Xunit;

namespace ActorLab.Build.Tests;

/// <summary>
/// Runs build/TorchSharpNative.targets in a real MSBuild (dotnet msbuild), which also proves that
/// RoslynCodeTaskFactory can compile build/ElfWeakVersionTask.cs against its netstandard references.
/// </summary>
public sealed class TorchSharpNativeTargetsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void BuildAndPublishPatchTheOutputCopiesOnly()
    {
        // Both layouts: portable (runtimes/linux-x64/native/) and RuntimeIdentifier-specific (root).
        string outPortable = _temp.CopyPristine("out/runtimes/linux-x64/native/libLibTorchSharp.so");
        string outRid = _temp.CopyPristine("out/libLibTorchSharp.so");
        string published = _temp.CopyPristine("pub/runtimes/linux-x64/native/libLibTorchSharp.so");
        string project = WriteProject();

        (int exitCode, string output) = RunMSBuild(project, "Build;Publish");

        Assert.True(exitCode == 0, output);
        Assert.Contains("ActorLabPatchTorchSharpNativeAfterBuild", output);
        Assert.Contains("ActorLabPatchTorchSharpNativeAfterPublish", output);
        foreach (string file in new[] { outPortable, outRid, published })
        {
            Assert.Contains($"{file}: marked the GLIBCXX_3.4.32 requirement on libstdc++.so.6 as weak.", output);
            Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionNeedPatcher.MarkVersionNeedWeak(file, TestEnvironment.VersionName).Outcome);
        }

        Assert.Equal(TestEnvironment.PristineSha256, TestEnvironment.Sha256(TestEnvironment.PristineLibrary));

        // A second build finds the copies already weak and succeeds quietly.
        (exitCode, output) = RunMSBuild(project, "Build;Publish");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("as weak.", output);
    }

    [Fact]
    public void ProjectsWithoutTheLibraryAreANoOp()
    {
        string project = WriteProject();

        (int exitCode, string output) = RunMSBuild(project, "Build;Publish");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("MarkElfVersionNeedWeak", output);
    }

    [Fact]
    public void CanBeTurnedOff()
    {
        string copy = _temp.CopyPristine("out/libLibTorchSharp.so");
        string project = WriteProject();

        (int exitCode, string output) = RunMSBuild(project, "Build", "-p:ActorLabPatchTorchSharpNative=false");

        Assert.True(exitCode == 0, output);
        Assert.Equal(TestEnvironment.PristineSha256, TestEnvironment.Sha256(copy));
    }

    /// <summary>A minimal project with Build and Publish targets and SDK-style OutDir/PublishDir.</summary>
    private string WriteProject()
    {
        string project = Path.Combine(_temp.Path, "test.proj");
        File.WriteAllText(project, $"""
            <Project>
              <PropertyGroup>
                <OutDir>out/</OutDir>
                <PublishDir>pub/</PublishDir>
              </PropertyGroup>
              <Target Name="Build" />
              <Target Name="Publish" />
              <Import Project="{TestEnvironment.TargetsFile}" />
            </Project>
            """);
        return project;
    }

    private static (int ExitCode, string Output) RunMSBuild(string project, string targets, params string[] extraArgs)
    {
        var start = new ProcessStartInfo(DotnetHost(), ["msbuild", project, $"-t:{targets}", "-v:n", "-nologo", "-nodeReuse:false", "-warnAsError", .. extraArgs])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };

        // Do not let the MSBuild that runs these tests leak its settings into the child build.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string DotnetHost()
    {
        // Set by the dotnet CLI for child processes; otherwise fall back to PATH.
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        return TestEnvironment.FindOnPath(OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet")
            ?? throw new InvalidOperationException("Cannot find the dotnet host (DOTNET_HOST_PATH or PATH).");
    }
}
