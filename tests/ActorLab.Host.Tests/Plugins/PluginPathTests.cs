using ActorLab.Host.Plugins;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Plugins;

/// <summary>
/// Plugins load only from inside the manifest's folder tree: an absolute path, a <c>..</c> escape or a symlink out of
/// the tree is refused with the manifest, the JSON path, the path and the fix; <c>--allow-external-plugins</c> lets each load.
/// </summary>
public sealed class PluginPathTests : TempDirectoryTest
{
    private readonly string _manifestDir;
    private readonly string _outsideDll;

    /// <summary>A manifest folder <c>m/</c> and a plugin outside it in <c>outside/</c>.</summary>
    public PluginPathTests() : base("pluginpath")
    {
        _manifestDir = Path.Combine(Dir, "m");
        Directory.CreateDirectory(_manifestDir);
        _outsideDll = PluginCompiler.Compile(Path.Combine(Dir, "outside"), "Outside", TestPlugins.WithLoss("outside-loss"));
    }

    private string Manifest(string path) =>
        PluginCompiler.WriteManifest(_manifestDir, $$"""{ "path": "{{path}}" }""", """{ "path": "inside/Never.dll", "enabled": false }""");

    private void RefusedThenAllowed(string path, string expectedReason)
    {
        var manifest = Manifest(path);
        var ex = Assert.Throws<PluginLoadException>(() => PluginCatalogLoader.Load(manifest));
        Assert.Contains(manifest, ex.Message);
        Assert.Contains("$.plugins[0].path", ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Contains(expectedReason, ex.Message);
        Assert.Contains("move the plugin under the manifest's folder", ex.Message);
        Assert.Contains("--allow-external-plugins", ex.Message);

        var catalog = PluginCatalogLoader.Load(manifest, allowExternal: true);
        Assert.True(catalog.Contains<Contracts.Losses.ILoss>("outside-loss"));
    }

    [Fact]
    public void A_dotdot_escape_is_refused_and_allowed_with_the_flag() =>
        RefusedThenAllowed("../outside/Outside.dll", "outside the manifest's folder");

    [Fact]
    public void An_absolute_path_is_refused_and_allowed_with_the_flag() =>
        RefusedThenAllowed(_outsideDll, "absolute path");

    [Fact]
    public void An_absolute_path_is_refused_even_inside_the_tree()
    {
        var inside = PluginCompiler.Compile(Path.Combine(_manifestDir, "inside"), "Inside", TestPlugins.WithLoss("inside-loss"));
        var ex = Assert.Throws<PluginLoadException>(() => PluginCatalogLoader.Load(Manifest(inside)));
        Assert.Contains("absolute path", ex.Message);
    }

    [Fact]
    public void A_symlinked_folder_that_leads_out_is_refused_and_allowed_with_the_flag()
    {
        Directory.CreateSymbolicLink(Path.Combine(_manifestDir, "linked"), Path.Combine(Dir, "outside"));
        RefusedThenAllowed("linked/Outside.dll", "through a symlink");
    }

    [Fact]
    public void A_symlinked_file_that_leads_out_is_refused_and_allowed_with_the_flag()
    {
        Directory.CreateDirectory(Path.Combine(_manifestDir, "plugin"));
        File.CreateSymbolicLink(Path.Combine(_manifestDir, "plugin", "Outside.dll"), Path.Combine("..", "..", "outside", "Outside.dll"));
        RefusedThenAllowed("plugin/Outside.dll", "through a symlink");
    }

    [Fact]
    public void Dotdots_and_symlinks_that_stay_inside_load()
    {
        PluginCompiler.Compile(Path.Combine(_manifestDir, "inside"), "Inside", TestPlugins.WithLoss("inside-loss"));
        Directory.CreateSymbolicLink(Path.Combine(_manifestDir, "alias"), "inside");
        var manifest = PluginCompiler.WriteManifest(_manifestDir, """{ "path": "other/../inside/Inside.dll" }""");
        Assert.Single(PluginCatalogLoader.Load(manifest).Plugins);
        manifest = PluginCompiler.WriteManifest(_manifestDir, """{ "path": "alias/Inside.dll" }""");
        Assert.Single(PluginCatalogLoader.Load(manifest).Plugins);
    }

    [Fact]
    public void The_repository_manifest_is_inside_its_tree() =>
        Assert.All(PluginManifestReader.Read(Repo.Manifest).Plugins, p => Assert.StartsWith(Repo.Path("build", "plugins"), p.FullPath));

    [Fact]
    public void The_cli_refuses_with_exit_code_2_and_loads_with_the_flag()
    {
        var manifest = Manifest("../outside/Outside.dll");
        var refused = Support.Cli.Run(Dir, null, "plugins", "validate", manifest);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"error: {manifest}: $.plugins[0].path: '../outside/Outside.dll' resolves to", refused.Stderr);
        Assert.DoesNotContain("   at ", refused.Stderr);

        var allowed = Support.Cli.Run(Dir, null, "plugins", "validate", manifest, "--allow-external-plugins");
        Assert.True(allowed.ExitCode == 0, allowed.Stderr);
        Assert.StartsWith("ok:", allowed.Stdout);
    }
}
