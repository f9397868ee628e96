using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using ActorLab.Contracts;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.PluginSdk;

/// <summary>ActorLab.Contracts as a NuGet package: one version everywhere, and what the package carries.</summary>
[Collection(SdkCollection.Name)]
public sealed class ContractsPackageTests(SdkPackages sdk)
{
    private static string ProjectVersion(params string[] csproj) =>
        XDocument.Load(Repo.Path(csproj)).Descendants("Version").Single().Value;

    [Fact]
    public void The_version_lives_in_the_project_file_and_agrees_with_ContractsVersion_the_assembly_and_the_template()
    {
        var version = Version.Parse(ProjectVersion("contracts", "ActorLab.Contracts", "ActorLab.Contracts.csproj"));
        Assert.Equal((ContractsVersion.Major, ContractsVersion.Minor), (version.Major, version.Minor));
        Assert.Equal(new Version(version.Major, version.Minor, version.Build, 0), typeof(IActorLabPlugin).Assembly.GetName().Version);

        // The template builds against this version by default and is released with it.
        using var template = JsonDocument.Parse(File.ReadAllText(Repo.Path("templates", "ActorLab.Plugin.Templates", "actorlab-plugin", ".template.config", "template.json")));
        Assert.Equal(version.ToString(), template.RootElement.GetProperty("symbols").GetProperty("contractsVersion").GetProperty("defaultValue").GetString());
        Assert.Equal(version.ToString(), ProjectVersion("templates", "ActorLab.Plugin.Templates", "ActorLab.Plugin.Templates.csproj"));
    }

    [Fact]
    public void The_package_carries_the_assembly_its_xml_docs_a_readme_the_build_targets_and_the_torchsharp_dependency()
    {
        using var package = ZipFile.OpenRead(sdk.ContractsPackage);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
                 {
                     "lib/net10.0/ActorLab.Contracts.dll", "lib/net10.0/ActorLab.Contracts.xml", "README.md",
                     "buildTransitive/ActorLab.Contracts.targets", "buildTransitive/TorchSharpNative.targets", "buildTransitive/ElfWeakVersionTask.cs",
                 })
        {
            Assert.Contains(expected, entries);
        }

        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        using var nuspecStream = package.GetEntry("ActorLab.Contracts.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Element(ns + "metadata")!;
        Assert.Equal(sdk.ContractsVersion, metadata.Element(ns + "version")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "authors")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Equal("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value);
        Assert.StartsWith("https://", metadata.Element(ns + "repository")?.Attribute("url")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        var torch = metadata.Descendants(ns + "dependency").Single(d => d.Attribute("id")?.Value == "TorchSharp");
        Assert.Equal("0.107.0", torch.Attribute("version")!.Value);

        // The README states the major the host accepts and its example compiles against the contracts.
        var readme = new StreamReader(package.GetEntry("README.md")!.Open()).ReadToEnd();
        Assert.Contains($"{ContractsVersion.Major} for every {ContractsVersion.Major}.x host", readme);
        var example = readme.Split("```csharp")[1].Split("```")[0];
        PluginCompiler.Compile(Path.Combine(sdk.Root, "readme-example"), "ReadmeExample", example);
    }
}
