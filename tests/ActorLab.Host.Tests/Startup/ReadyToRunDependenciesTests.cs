using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Startup;

/// <summary>
/// The build precompiles the dependencies the host lists in <c>ReadyToRunDependencies</c>
/// (build/ReadyToRunDependencies.targets) and leaves the program's and the plugins' own assemblies, where the hot loops
/// are, to the JIT's full optimisation.
/// </summary>
public sealed class ReadyToRunDependenciesTests
{
    private static string OutputFolder => Path.GetDirectoryName(Repo.HostDll)!;

    /// <summary>The host project's list, as the build reads it.</summary>
    private static IReadOnlyList<string> Listed()
    {
        var project = XDocument.Load(Repo.Path("host", "ActorLab.Host", "ActorLab.Host.csproj"));
        var value = project.Descendants("ReadyToRunDependencies").Single().Value;
        return value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var cor = reader.PEHeaders.CorHeader ?? throw new InvalidOperationException($"{path} is not a .NET assembly");
        return cor.ManagedNativeHeaderDirectory.Size > 0;
    }

    [Fact]
    public void Every_listed_dependency_in_the_output_is_precompiled()
    {
        var listed = Listed();
        Assert.Contains("linq2db", listed); // the largest: the SQL journal's start-up
        var plain = listed.Where(name => !IsReadyToRun(Path.Combine(OutputFolder, name + ".dll"))).ToList();
        Assert.True(plain.Count == 0, $"not precompiled in {OutputFolder}: {string.Join(", ", plain)} (is the Microsoft.NETCore.App.Crossgen2 pack restored?)");
    }

    [Fact]
    public void The_program_and_the_plugins_stay_for_the_jit()
    {
        var own = new[] { Repo.HostDll, Path.Combine(OutputFolder, "ActorLab.Contracts.dll") }
            .Concat(Directory.GetFiles(Repo.Path("build", "plugins"), "ActorLab.Plugins.*.dll", SearchOption.AllDirectories));
        Assert.All(own, path => Assert.False(IsReadyToRun(path), $"{path} is precompiled; its hot loops would run ReadyToRun code for ever (tiering is off)"));
    }

    [Fact]
    public void A_dependency_that_is_not_listed_stays_as_the_package_ships_it()
    {
        // TorchSharp's managed wrapper is on every training step's path; it is not in the list.
        Assert.DoesNotContain("TorchSharp", Listed());
        Assert.False(IsReadyToRun(Path.Combine(OutputFolder, "TorchSharp.dll")));
    }
}
