using System.Text.Json.Nodes;
using ActorLab.Host.Plugins;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Plugins;

/// <summary>
/// <c>actorlab plugins pin</c> writes each enabled plugin's sha256 into plugins.json, keeping the other fields and their
/// order; <c>--check</c> only reports; a pinned plugin whose file changed is refused at load.
/// </summary>
public sealed class PluginPinTests() : TempDirectoryTest("pin")
{
    private string _manifest = "";

    private string WriteManifest()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "a"), "A", TestPlugins.WithLoss("a-loss"));
        PluginCompiler.Compile(Path.Combine(Dir, "b"), "B", TestPlugins.WithLoss("b-loss"));
        _manifest = Path.Combine(Dir, "plugins.json");
        File.WriteAllText(_manifest, """
            {
              "plugins": [
                {
                  "enabled": true,
                  "path": "a/A.dll",
                  "config": {
                    "zeta": 1,
                    "alpha": "ü+<x>"
                  }
                },
                {
                  "path": "b/B.dll",
                  "sha256": "0000000000000000000000000000000000000000000000000000000000000000"
                },
                {
                  "path": "missing/Missing.dll",
                  "enabled": false
                }
              ]
            }
            """);
        return _manifest;
    }

    private static string Hash(string path) => PluginManifestEditor.Sha256Of(path);

    [Fact]
    public void Pin_writes_the_pins_and_keeps_the_other_fields_in_order()
    {
        WriteManifest();
        var changes = PluginManifestEditor.Pin(_manifest, allowExternal: false, checkOnly: false);
        Assert.Equal(["added", "changed"], changes.Select(c => c.Status));
        Assert.Equal(Hash(Path.Combine(Dir, "a", "A.dll")), changes[0].After);

        var plugins = JsonNode.Parse(File.ReadAllText(_manifest))!["plugins"]!.AsArray();
        Assert.Equal(["enabled", "path", "sha256", "config"], plugins[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["zeta", "alpha"], plugins[0]!["config"]!.AsObject().Select(p => p.Key));
        Assert.Equal("ü+<x>", (string)plugins[0]!["config"]!["alpha"]!);
        Assert.Equal(Hash(Path.Combine(Dir, "b", "B.dll")), (string)plugins[1]!["sha256"]!);
        Assert.Equal(["path", "enabled"], plugins[2]!.AsObject().Select(p => p.Key)); // disabled: untouched
        Assert.Contains("\n      \"path\": \"a/A.dll\",", File.ReadAllText(_manifest).ReplaceLineEndings("\n")); // indented
        Assert.Equal(["plugins.json"], Directory.GetFiles(Dir).Select(Path.GetFileName)); // no temporary file left

        Assert.Equal(2, PluginCatalogLoader.Load(_manifest).Plugins.Count);
        Assert.All(PluginManifestEditor.Pin(_manifest, false, false), c => Assert.Equal("unchanged", c.Status));
    }

    [Fact]
    public void A_tampered_plugin_is_refused_and_check_reports_it_without_writing()
    {
        WriteManifest();
        PluginManifestEditor.Pin(_manifest, false, false);
        var pinned = File.ReadAllText(_manifest);

        // Same name, other code: the file on disk is no longer the one pinned.
        PluginCompiler.Compile(Path.Combine(Dir, "a"), "A", TestPlugins.WithLoss("evil-loss"));
        var ex = Assert.Throws<PluginLoadException>(() => PluginCatalogLoader.Load(_manifest));
        Assert.Contains("$.plugins[0]: sha256 mismatch", ex.Message);

        var check = PluginManifestEditor.Pin(_manifest, false, checkOnly: true);
        Assert.Equal(["changed", "unchanged"], check.Select(c => c.Status));
        Assert.Equal(pinned, File.ReadAllText(_manifest));
    }

    [Fact]
    public void The_cli_check_exits_1_on_a_mismatch_and_0_once_pinned()
    {
        WriteManifest();
        var check = Support.Cli.Run(Dir, null, "plugins", "pin", "--check", "--plugins", _manifest);
        Assert.True(check.ExitCode == 1, check.Stderr + check.Stdout);
        Assert.Contains("2 pin(s) missing or different", check.Stdout);
        Assert.Contains("mismatch", check.Stdout);

        var pin = Support.Cli.Run(Dir, null, "plugins", "pin", "--plugins", _manifest);
        Assert.True(pin.ExitCode == 0, pin.Stderr);
        Assert.Contains("2 pin(s) written", pin.Stdout);
        Assert.Contains(Hash(Path.Combine(Dir, "a", "A.dll")), pin.Stdout);

        var again = Support.Cli.Run(Dir, null, "plugins", "pin", "--check", "--plugins", _manifest);
        Assert.True(again.ExitCode == 0, again.Stderr + again.Stdout);
        Assert.Contains("all pins match", again.Stdout);
    }

    [Fact]
    public void Pin_refuses_a_missing_enabled_plugin()
    {
        WriteManifest();
        File.Delete(Path.Combine(Dir, "b", "B.dll"));
        var before = File.ReadAllText(_manifest);
        var ex = Assert.Throws<PluginLoadException>(() => PluginManifestEditor.Pin(_manifest, false, false));
        Assert.Contains("$.plugins[1]: file not found", ex.Message);
        Assert.Equal(before, File.ReadAllText(_manifest));
    }
}
