using System.Reflection;

namespace ActorLab.Host.Tests.Support;

/// <summary>Paths of the repository and of the built program, as the build recorded them.</summary>
public static class Repo
{
    private static string Metadata(string key) => typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;

    /// <summary>The repository root (with a trailing separator).</summary>
    public static string Root => Metadata("ActorLab.RepoRoot");

    /// <summary>A path under the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The configuration the tests were built in (Release or Debug); the host and the SDK were built in it too.</summary>
    public static string Configuration => Metadata("ActorLab.Configuration");

    /// <summary>The repository's plugins.json (loads the core plugin from build/plugins/).</summary>
    public static string Manifest => Path("plugins.json");

    /// <summary>The built `actorlab` program (actorlab.dll, run with `dotnet`).</summary>
    public static string HostDll => Path("host", "ActorLab.Host", "bin", Metadata("ActorLab.Configuration"), "net10.0", "actorlab.dll");

    /// <summary>A fresh temporary folder, removed with the test's fixture or left for inspection on failure.</summary>
    public static string TempDirectory(string prefix)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"actorlab-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
