using System.Text.RegularExpressions;
using ActorLab.Host.Hosting;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Docs;

/// <summary>The README's layout map names folders and files that exist, and a folder for every simulation kind.</summary>
public sealed partial class ReadmeLayoutTests
{
    private static string Layout()
    {
        var readme = File.ReadAllText(Repo.Path("README.md"));
        var start = readme.IndexOf("## Layout", StringComparison.Ordinal);
        var open = readme.IndexOf("```", start, StringComparison.Ordinal);
        var close = readme.IndexOf("```", open + 3, StringComparison.Ordinal);
        return readme[(open + 3)..close];
    }

    [Fact]
    public void Every_path_in_the_layout_map_exists()
    {
        var missing = new List<string>();
        foreach (var line in Layout().Split('\n'))
        {
            if (TopLevel().Match(line) is { Success: true } top)
            {
                var path = Repo.Path(top.Groups[1].Value.TrimEnd('/'));
                if (!Directory.Exists(path) && !File.Exists(path))
                {
                    missing.Add(top.Groups[1].Value);
                }
            }
            else if (HostEntry().Match(line) is { Success: true } host)
            {
                foreach (var entry in host.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var path = Repo.Path("host", "ActorLab.Host", entry.TrimEnd('/'));
                    if (!Directory.Exists(path) && !File.Exists(path))
                    {
                        missing.Add("host/ActorLab.Host/" + entry);
                    }
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_kind_has_its_folder_in_the_layout_map()
    {
        var layout = Layout();
        foreach (var kind in SimulationKinds.All.Where(k => k.GetType().Assembly == typeof(SimulationKinds).Assembly))
        {
            var folder = kind.GetType().Namespace!.Split('.')[^1];
            Assert.Contains($"  {folder}/", layout, StringComparison.Ordinal);
            Assert.True(File.Exists(Repo.Path("host", "ActorLab.Host", folder, kind.GetType().Name + ".cs")), $"{kind.GetType().Name}.cs in {folder}/");
        }
    }

    // "contracts/ActorLab.Contracts the plugin SDK": a path at the start of the line.
    [GeneratedRegex(@"^([A-Za-z][\w.\-]*(?:/[\w.\-]+)*/?)\s")]
    private static partial Regex TopLevel();

    // "  Federated/   FederatedKind, ..." or "  Cli/ Plugins/ ...": host folders (and files) indented under host/ActorLab.Host.
    [GeneratedRegex(@"^  ((?:[A-Z][\w.]*/?(?:[\w.]+)? ?)+?)(?:\s{2,}|$)")]
    private static partial Regex HostEntry();
}
