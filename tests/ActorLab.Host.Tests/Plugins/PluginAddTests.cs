using System.Text.Json.Nodes;
using ActorLab.Host.Plugins;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Plugins;

/// <summary>
/// <c>actorlab plugins add &lt;dll&gt;</c> validates the assembly through the normal loader and appends it to plugins.json
/// with its path relative to the manifest and its sha256; it refuses duplicates, outside paths and broken plugins.
/// </summary>
public sealed class PluginAddTests() : TempDirectoryTest("add")
{
    private string Manifest => Path.Combine(Dir, "plugins.json");

    private string Existing()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "build", "A"), "A", TestPlugins.WithLoss("a-loss"));
        return PluginCompiler.WriteManifest(Dir, """{ "path": "build/A/A.dll", "config": { "k": 1 } }""");
    }

    [Fact]
    public void Add_appends_the_entry_with_a_relative_path_and_its_pin_and_it_loads()
    {
        Existing();
        var dll = PluginCompiler.Compile(Path.Combine(Dir, "build", "Extra"), "Extra", TestPlugins.WithLoss("extra-loss"));
        var plugin = PluginManifestEditor.Add(Manifest, dll, allowExternal: false);
        Assert.Equal("Extra", plugin.Name);
        Assert.Equal("extra-loss", Assert.Single(plugin.Components).Name);

        var entries = JsonNode.Parse(File.ReadAllText(Manifest))!["plugins"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal(1, (int)entries[0]!["config"]!["k"]!);
        var added = entries[1]!.AsObject();
        Assert.Equal(["path", "sha256", "enabled"], added.Select(p => p.Key));
        Assert.Equal("build/Extra/Extra.dll", (string)added["path"]!);
        Assert.Equal(PluginManifestEditor.Sha256Of(dll), (string)added["sha256"]!);
        Assert.True((bool)added["enabled"]!);
        Assert.True(PluginCatalogLoader.Load(Manifest).Contains<Contracts.Losses.ILoss>("extra-loss"));
    }

    [Fact]
    public void A_duplicate_path_is_refused()
    {
        Existing();
        var ex = Assert.Throws<PluginLoadException>(() => PluginManifestEditor.Add(Manifest, Path.Combine(Dir, "build", "A", ".", "A.dll"), false));
        Assert.Contains("$.plugins[0].path: already lists build/A/A.dll", ex.Message);
    }

    [Fact]
    public void A_broken_plugin_or_a_name_clash_is_refused_and_the_manifest_is_unchanged()
    {
        Existing();
        var before = File.ReadAllText(Manifest);
        var noEntry = PluginCompiler.Compile(Path.Combine(Dir, "build", "NoEntry"), "NoEntry", "public sealed class NotAPlugin { }");
        Assert.Contains("no entry point", Assert.Throws<PluginLoadException>(() => PluginManifestEditor.Add(Manifest, noEntry, false)).Message);
        var clash = PluginCompiler.Compile(Path.Combine(Dir, "build", "Clash"), "Clash", TestPlugins.WithLoss("a-loss"));
        Assert.Contains("a-loss", Assert.Throws<PluginLoadException>(() => PluginManifestEditor.Add(Manifest, clash, false)).Message);
        Assert.Equal(before, File.ReadAllText(Manifest));
    }

    [Fact]
    public void A_path_outside_the_tree_needs_the_flag()
    {
        var manifestDir = Path.Combine(Dir, "m");
        Directory.CreateDirectory(manifestDir);
        var manifest = Path.Combine(manifestDir, "plugins.json"); // does not exist yet: add creates it
        var outside = PluginCompiler.Compile(Path.Combine(Dir, "outside"), "Outside", TestPlugins.WithLoss("outside-loss"));
        var ex = Assert.Throws<PluginLoadException>(() => PluginManifestEditor.Add(manifest, outside, false));
        Assert.Contains("$.plugins[0].path: '../outside/Outside.dll' resolves to", ex.Message);
        Assert.Contains("--allow-external-plugins", ex.Message);
        Assert.False(File.Exists(manifest));

        PluginManifestEditor.Add(manifest, outside, allowExternal: true);
        Assert.Equal("../outside/Outside.dll", (string)JsonNode.Parse(File.ReadAllText(manifest))!["plugins"]![0]!["path"]!);
    }

    [Fact]
    public void The_cli_prints_the_components_it_adds()
    {
        Existing();
        PluginCompiler.Compile(Path.Combine(Dir, "build", "Extra"), "Extra", TestPlugins.WithLoss("extra-loss"));
        var result = Support.Cli.Run(Dir, null, "plugins", "add", "build/Extra/Extra.dll", "--plugins", Manifest);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("added Extra", result.Stdout);
        Assert.Contains("extra-loss", result.Stdout);

        var again = Support.Cli.Run(Dir, null, "plugins", "add", "build/Extra/Extra.dll", "--plugins", Manifest);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already lists build/Extra/Extra.dll", again.Stderr);
    }
}
