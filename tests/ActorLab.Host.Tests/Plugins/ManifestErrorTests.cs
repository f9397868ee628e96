using ActorLab.Contracts;
using ActorLab.Host.Plugins;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Plugins;

/// <summary>Each manifest or plugin mistake gives one clear error naming the plugin and the reason.</summary>
public sealed class ManifestErrorTests() : TempDirectoryTest("manifest")
{
    private PluginLoadException LoadFails(params string[] entries) =>
        Assert.Throws<PluginLoadException>(() => PluginCatalogLoader.Load(PluginCompiler.WriteManifest(Dir, entries)));

    private const string GoodPlugin = """
        using ActorLab.Contracts.Plugins;
        public sealed class Entry : IActorLabPlugin
        {
            public void Register(IComponentRegistry registry, PluginContext context) =>
                registry.AddLoss("good-loss", _ => new Loss());
        }
        public sealed class Loss : ActorLab.Contracts.Losses.ILoss
        {
            public TorchSharp.torch.Tensor Compute(TorchSharp.torch.Tensor logits, TorchSharp.torch.Tensor targets) => logits.sum();
        }
        """;

    [Fact]
    public void A_good_plugin_loads_with_its_components()
    {
        var path = PluginCompiler.Compile(Path.Combine(Dir, "good"), "Good", GoodPlugin);
        var catalog = PluginCatalogLoader.Load(PluginCompiler.WriteManifest(Dir, $$"""{ "path": "good/Good.dll" }"""));
        Assert.True(catalog.Contains<Contracts.Losses.ILoss>("good-loss"));
        Assert.Equal("Good", Assert.Single(catalog.Plugins).Name);
        Assert.Equal(path, catalog.Plugins[0].Path);
    }

    [Fact]
    public void Missing_file()
    {
        var ex = LoadFails("""{ "path": "nowhere/Missing.dll" }""");
        Assert.Equal("Missing", ex.Plugin);
        Assert.Contains("$.plugins[0]: file not found", ex.Message);
        Assert.Contains(Path.Combine(Dir, "nowhere", "Missing.dll"), ex.Message);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("elf")]
    public void Not_a_dotnet_assembly(string kind)
    {
        var path = Path.Combine(Dir, "Native.dll");
        if (kind == "text")
        {
            File.WriteAllText(path, "this is not an assembly");
        }
        else
        {
            File.Copy("/bin/ls", path);
        }

        var ex = LoadFails("""{ "path": "Native.dll" }""");
        Assert.Equal("Native", ex.Plugin);
        Assert.Contains("not a .NET assembly", ex.Message);
    }

    [Fact]
    public void A_dos_stub_without_a_pe_image_is_not_a_dotnet_assembly()
    {
        // Starts like a Windows executable ("MZ") but holds no PE image.
        var stub = new byte[512];
        stub[0] = (byte)'M';
        stub[1] = (byte)'Z';
        File.WriteAllBytes(Path.Combine(Dir, "Stub.dll"), stub);
        var ex = LoadFails("""{ "path": "Stub.dll" }""");
        Assert.Contains("not a .NET assembly", ex.Message);
    }

    [Fact]
    public void A_damaged_assembly_whose_attributes_do_not_resolve_is_a_load_error()
    {
        // Found by garbling a plugin's bytes: a type name in its metadata changed by one byte used to escape as
        // TypeLoadException, with a stack trace, when the host read the plugin's version attribute.
        var path = PluginCompiler.Compile(Path.Combine(Dir, "good"), "Good", GoodPlugin);
        var bytes = File.ReadAllBytes(path);
        var name = System.Text.Encoding.ASCII.GetBytes("RuntimeCompatibilityAttribute");
        var at = bytes.AsSpan().IndexOf(name);
        Assert.True(at > 0, "the compiler always emits [assembly: RuntimeCompatibility]");
        bytes[at + "RuntimeCompatibility".Length] = (byte)'_';
        File.WriteAllBytes(Path.Combine(Dir, "Damaged.dll"), bytes);
        var ex = LoadFails("""{ "path": "Damaged.dll" }""");
        Assert.Contains("$.plugins[0]: its attributes cannot be read (the file is damaged?): Could not load type 'System.Runtime.CompilerServices.RuntimeCompatibility_ttribute'", ex.Message);
    }

    [Fact]
    public void A_plugin_whose_code_is_damaged_is_an_input_error_when_its_component_first_runs()
    {
        // Found by garbling a plugin's bytes: a file that loads and registers but holds invalid IL used to fail with
        // InvalidProgramException (or BadImageFormatException, MissingMethodException, ...) and a stack trace when a run built its component.
        var path = PluginCompiler.Compile(Path.Combine(Dir, "magic"), "Magic", """
            using ActorLab.Contracts.Plugins;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry registry, PluginContext context) =>
                    registry.AddLoss("magic-loss", _ => Magic() == 0 ? null! : new Loss());
                private static int Magic() => 0x12345678;
            }
            public sealed class Loss : ActorLab.Contracts.Losses.ILoss
            {
                public TorchSharp.torch.Tensor Compute(TorchSharp.torch.Tensor logits, TorchSharp.torch.Tensor targets) => logits.sum();
            }
            """);
        var bytes = File.ReadAllBytes(path);
        var ldcI4 = bytes.AsSpan().IndexOf((byte[])[0x20, 0x78, 0x56, 0x34, 0x12]); // ldc.i4 0x12345678 in Magic's body
        Assert.True(ldcI4 > 0);
        bytes[ldcI4] = 0xA6; // an opcode ECMA-335 leaves undefined
        File.WriteAllBytes(path, bytes);
        var catalog = PluginCatalogLoader.Load(PluginCompiler.WriteManifest(Dir, """{ "path": "magic/Magic.dll" }"""));

        var ex = Assert.ThrowsAny<Exception>(() => catalog.Create<Contracts.Losses.ILoss>("magic-loss", Contracts.Plugins.ComponentOptions.Empty));

        Assert.True(ActorLab.Host.Cli.InputErrors.IsInputError(ex), ex.ToString());
        var message = ActorLab.Host.Cli.InputErrors.Describe(ex, "x.json");
        Assert.StartsWith($"{path}: plugin 'Magic' cannot run: InvalidProgramException: ", message);
        Assert.EndsWith("the file is damaged or was built against other assemblies: rebuild the plugin", message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void A_plugin_whose_options_record_cannot_be_read_is_an_input_error()
    {
        // Found by garbling a plugin's bytes: a damaged [Range] on an options record used to escape as
        // CustomAttributeFormatException, with a stack trace, when the host checked a scenario's options.
        var path = PluginCompiler.Compile(Path.Combine(Dir, "ranged"), "Ranged", """
            using ActorLab.Contracts.Plugins;
            using System.ComponentModel.DataAnnotations;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry registry, PluginContext context) =>
                    registry.AddLoss<RangedOptions>("ranged-loss", _ => new Loss());
            }
            public sealed record RangedOptions
            {
                [Range(0.0, 1.0, MaximumIsExclusive = true)]
                public double Share { get; init; } = 0.5;
            }
            public sealed class Loss : ActorLab.Contracts.Losses.ILoss
            {
                public TorchSharp.torch.Tensor Compute(TorchSharp.torch.Tensor logits, TorchSharp.torch.Tensor targets) => logits.sum();
            }
            """);
        var bytes = File.ReadAllBytes(path);
        var named = bytes.AsSpan().IndexOf("MaximumIsExclusive"u8); // the attribute's named argument, in its blob
        Assert.True(named > 0);
        bytes[named + "MaximumIs".Length] = (byte)'&';
        File.WriteAllBytes(path, bytes);
        var catalog = PluginCatalogLoader.Load(PluginCompiler.WriteManifest(Dir, """{ "path": "ranged/Ranged.dll" }"""));
        var options = new Contracts.Plugins.ComponentOptions(System.Text.Json.JsonDocument.Parse("""{ "share": 0.1 }""").RootElement, "$.loss.options");

        var ex = Assert.ThrowsAny<Exception>(() => catalog.CheckOptions<Contracts.Losses.ILoss>("ranged-loss", options));

        Assert.True(ActorLab.Host.Cli.InputErrors.IsInputError(ex), ex.ToString());
        Assert.Equal($"{path}: plugin 'Ranged' cannot run: CustomAttributeFormatException: 'MaximumIs&xclusive' property specified was not found; the file is damaged or was built against other assemblies: rebuild the plugin",
            ActorLab.Host.Cli.InputErrors.Describe(ex, "x.json"));
    }

    [Fact]
    public void Sha256_mismatch()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "good"), "Good", GoodPlugin);
        var wrong = new string('0', 64);
        var ex = LoadFails($$"""{ "path": "good/Good.dll", "sha256": "{{wrong}}" }""");
        Assert.Equal("Good", ex.Plugin);
        Assert.Contains($"sha256 mismatch: the manifest pins {wrong}", ex.Message);
    }

    [Fact]
    public void Matching_sha256_loads()
    {
        var path = PluginCompiler.Compile(Path.Combine(Dir, "good"), "Good", GoodPlugin);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        var catalog = PluginCatalogLoader.Load(PluginCompiler.WriteManifest(Dir, $$"""{ "path": "good/Good.dll", "sha256": "{{hash.ToUpperInvariant()}}" }"""));
        Assert.Single(catalog.Plugins);
    }

    [Fact]
    public void No_entry_point()
    {
        PluginCompiler.Compile(Dir, "NoEntry", "public sealed class NotAPlugin { }");
        var ex = LoadFails("""{ "path": "NoEntry.dll" }""");
        Assert.Equal("NoEntry", ex.Plugin);
        Assert.Contains("no entry point", ex.Message);
        Assert.Contains("IActorLabPlugin", ex.Message);
    }

    [Fact]
    public void Two_entry_points()
    {
        PluginCompiler.Compile(Dir, "TwoEntries", """
            using ActorLab.Contracts.Plugins;
            public sealed class A : IActorLabPlugin { public void Register(IComponentRegistry r, PluginContext c) { } }
            public sealed class B : IActorLabPlugin { public void Register(IComponentRegistry r, PluginContext c) { } }
            """);
        var ex = LoadFails("""{ "path": "TwoEntries.dll" }""");
        Assert.Contains("2 entry points (A, B)", ex.Message);
    }

    [Fact]
    public void Two_components_with_the_same_name_in_one_plugin()
    {
        PluginCompiler.Compile(Dir, "Twice", GoodPlugin.Replace(
            "registry.AddLoss(\"good-loss\", _ => new Loss());",
            "registry.AddLoss(\"good-loss\", _ => new Loss()).AddLoss(\"good-loss\", _ => new Loss());"));
        var ex = LoadFails("""{ "path": "Twice.dll" }""");
        Assert.Equal("Twice", ex.Plugin);
        Assert.Contains("registers two components named loss 'good-loss'", ex.Message);
    }

    [Fact]
    public void Two_plugins_registering_the_same_name()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "a"), "First", GoodPlugin);
        PluginCompiler.Compile(Path.Combine(Dir, "b"), "Second", GoodPlugin);
        var ex = LoadFails("""{ "path": "a/First.dll" }""", """{ "path": "b/Second.dll" }""");
        Assert.Equal("Second", ex.Plugin);
        Assert.Contains("registers loss 'good-loss', which plugin 'First' already registered", ex.Message);
    }

    [Fact]
    public void A_component_name_that_is_not_kebab_case_is_rejected()
    {
        PluginCompiler.Compile(Dir, "BadName", GoodPlugin.Replace("\"good-loss\"", "\"Good_Loss\""));
        var ex = LoadFails("""{ "path": "BadName.dll" }""");
        Assert.Contains("loss name 'Good_Loss' is not kebab-case", ex.Message);
    }

    [Fact]
    public void A_later_contracts_major_is_refused()
    {
        // A stand-in ActorLab.Contracts of the next major with the same interface, and a plugin built against it.
        var fakeSdk = PluginCompiler.Compile(Path.Combine(Dir, "sdk-next"), "ActorLab.Contracts", """
            namespace ActorLab.Contracts.Plugins
            {
                public interface IComponentRegistry { }
                public sealed class PluginContext { }
                public interface IActorLabPlugin { void Register(IComponentRegistry registry, PluginContext context); }
            }
            """, references: [], version: $"{ContractsVersion.Major + 1}.0.0.0");
        PluginCompiler.Compile(Path.Combine(Dir, "future"), "Future", """
            using ActorLab.Contracts.Plugins;
            public sealed class Entry : IActorLabPlugin { public void Register(IComponentRegistry r, PluginContext c) { } }
            """, references: [Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(fakeSdk)]);
        var ex = LoadFails("""{ "path": "future/Future.dll" }""");
        Assert.Equal("Future", ex.Plugin);
        Assert.Contains($"built against ActorLab.Contracts {ContractsVersion.Major + 1}.0, this host supports {ContractsVersion.Major}.x; rebuild the plugin against ActorLab.Contracts {ContractsVersion.Major}.{ContractsVersion.Minor}", ex.Message);
    }

    [Fact]
    public void Exception_during_registration()
    {
        PluginCompiler.Compile(Dir, "Throws", """
            using ActorLab.Contracts.Plugins;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry r, PluginContext c) => throw new System.InvalidOperationException("licence server unreachable");
            }
            """);
        var ex = LoadFails("""{ "path": "Throws.dll" }""");
        Assert.Equal("Throws", ex.Plugin);
        Assert.Contains("registration threw InvalidOperationException: licence server unreachable", ex.Message);
    }

    [Fact]
    public void Malformed_json_names_line_and_position()
    {
        var path = Path.Combine(Dir, "plugins.json");
        File.WriteAllText(path, "{\n  \"plugins\": [\n    { \"path\": \"a.dll\" \n    { \"path\": \"b.dll\" }\n  ]\n}\n");
        var ex = Assert.Throws<PluginLoadException>(() => PluginCatalogLoader.Load(path));
        Assert.StartsWith($"{path}: malformed JSON at line 4, position 5", ex.Message);
    }

    [Theory]
    [InlineData("""{ "plugins": {} }""", "$.plugins: expected an array")]
    [InlineData("""{ "plugins": [ { "enabled": true } ] }""", "$.plugins[0].path: required")]
    [InlineData("""{ "plugins": [ { "path": "a.dll", "sha": "x" } ] }""", "$.plugins[0].sha: unknown field")]
    [InlineData("""{ "plugins": [ { "path": "a.dll", "sha256": "abc" } ] }""", "$.plugins[0].sha256: expected 64 hex digits")]
    [InlineData("""{ "plugins": [ { "path": "a.dll", "enabled": "yes" } ] }""", "$.plugins[0].enabled: expected true or false")]
    public void Wrong_fields_name_the_json_path(string json, string expected)
    {
        var path = Path.Combine(Dir, "plugins.json");
        File.WriteAllText(path, json);
        var ex = Assert.Throws<PluginLoadException>(() => PluginCatalogLoader.Load(path));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Disabled_plugins_are_not_loaded()
    {
        var catalog = PluginCatalogLoader.Load(PluginCompiler.WriteManifest(Dir, """{ "path": "missing.dll", "enabled": false }"""));
        Assert.Empty(catalog.Plugins);
    }
}
