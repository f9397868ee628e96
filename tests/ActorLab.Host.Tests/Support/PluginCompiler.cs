using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ActorLab.Host.Tests.Support;

/// <summary>Compiles small plugin assemblies from C# source for plugin-loading tests.</summary>
public static class PluginCompiler
{
    private static readonly Lazy<MetadataReference[]> Framework = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Where(p => System.IO.Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || System.IO.Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    /// <summary>The real ActorLab.Contracts and TorchSharp, as plugins reference them.</summary>
    public static MetadataReference[] Sdk =>
    [
        MetadataReference.CreateFromFile(typeof(Contracts.Plugins.IActorLabPlugin).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location),
    ];

    /// <summary>Compiles <paramref name="source"/> into <paramref name="directory"/>/<paramref name="name"/>.dll and returns its path.</summary>
    public static string Compile(string directory, string name, string source, IEnumerable<MetadataReference>? references = null, string version = "1.0.0.0")
        => Compile(directory, name, [source], references, version);

    /// <summary>Compiles several source files (each may have its own usings and file-scoped namespace) into one assembly.</summary>
    public static string Compile(string directory, string name, IEnumerable<string> sources, IEnumerable<MetadataReference>? references = null, string version = "1.0.0.0")
    {
        var versionTree = CSharpSyntaxTree.ParseText($"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]");
        var compilation = CSharpCompilation.Create(name, [.. sources.Select(s => CSharpSyntaxTree.ParseText(s)), versionTree], [.. Framework.Value, .. references ?? Sdk],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, name + ".dll");
        var result = compilation.Emit(path);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return path;
    }

    /// <summary>Writes a manifest listing <paramref name="entries"/> (raw JSON objects) and returns its path.</summary>
    public static string WriteManifest(string directory, params string[] entries)
    {
        var path = System.IO.Path.Combine(directory, "plugins.json");
        File.WriteAllText(path, $"{{ \"plugins\": [ {string.Join(", ", entries)} ] }}");
        return path;
    }

    /// <summary>An entry for the repository's built core plugin, with its data folder: outside a temporary manifest's folder, so loading it needs --allow-external-plugins.</summary>
    public static string CorePluginEntry =>
        $$"""{ "path": "{{Repo.Path("build", "plugins", "ActorLab.Plugins.Core", "ActorLab.Plugins.Core.dll")}}", "config": { "dataDirectory": "{{Repo.Path("data")}}" } }""";
}
