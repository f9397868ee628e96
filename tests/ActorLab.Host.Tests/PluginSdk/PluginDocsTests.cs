using ActorLab.Host.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ActorLab.Host.Tests.PluginSdk;

/// <summary>docs/plugins.md shows real code: its C# blocks compile against the contracts, and they are the template's.</summary>
public sealed class PluginDocsTests() : TempDirectoryTest("plugin-docs")
{
    private static readonly string Docs = File.ReadAllText(Repo.Path("docs", "plugins.md"));

    private static IEnumerable<string> CSharpBlocks => Docs.Split("```csharp\n").Skip(1).Select(b => b.Split("```")[0]);

    [Fact]
    public void Every_csharp_block_of_the_plugin_guide_compiles_against_the_contracts()
    {
        // The generated projects have implicit usings; the tests use xUnit.
        const string implicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading.Tasks;";
        var blocks = CSharpBlocks.ToList();
        Assert.Equal(8, blocks.Count);
        PluginCompiler.Compile(Dir, "PluginGuide", [implicitUsings, .. blocks],
            [.. PluginCompiler.Sdk, MetadataReference.CreateFromFile(typeof(Assert).Assembly.Location), MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)]);
    }

    [Theory]
    [InlineData("FocalLoss.cs", "MyLoss")]
    [InlineData("ServerStepFedAvg.cs", "MyStrategy")]
    [InlineData("ExploreThenCommit.cs", "MyPolicy")]
    [InlineData("Hedge.cs", "MyAgent")]
    [InlineData("TanhNetwork.cs", "MyModel")]
    [InlineData("SignSgd.cs", "MyOptimizer")]
    public void Each_kinds_example_is_the_templates_component(string file, string name)
    {
        var component = File.ReadAllText(Repo.Path("templates", "ActorLab.Plugin.Templates", "actorlab-plugin", "src", "ActorLabPlugin1", file))
            .Replace("ActorLabPlugin1", name);
        // Everything after the namespace line: the usings are merged with the entry point's in the guide.
        var body = component[(component.IndexOf($"namespace {name};", StringComparison.Ordinal) + $"namespace {name};".Length)..].Trim();
        Assert.Contains(body, Docs);
    }
}
