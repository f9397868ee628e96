using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ActorLab.Contracts.Plugins;
using McMaster.NETCore.Plugins.Loader;

namespace ActorLab.Host.Plugins;

/// <summary>
/// Loads the plugins a manifest lists, each in its own load context (McMaster.NETCore.Plugins).
/// ActorLab.Contracts, TorchSharp and Akka come from the host so that their types unify and libtorch's
/// native libraries load once; every other assembly a plugin carries in its folder is its own, so a plugin
/// may bring another version of, say, Newtonsoft.Json than the host. Each failure becomes one
/// <see cref="PluginLoadException"/> naming the plugin and the fix.
/// </summary>
public static class PluginCatalogLoader
{
    /// <summary>Assemblies always taken from the host.</summary>
    public static readonly IReadOnlyList<Assembly> SharedAssemblies =
    [
        typeof(IActorLabPlugin).Assembly,
        typeof(TorchSharp.torch).Assembly,
        typeof(Akka.Actor.ActorSystem).Assembly,
    ];

    private static readonly List<PluginCatalog> Reloadable = [];

    private static readonly HashSet<string> SharedNames =
        SharedAssemblies.Select(a => a.GetName().Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Set by <c>run --watch</c> before it loads anything: plugin assemblies are read into memory instead of mapped
    /// from their path, because the runtime reuses the image it mapped for a path, so a rebuilt assembly at the
    /// same path would load as the old code.
    /// </summary>
    internal static bool LoadIntoMemory { get; set; }

    /// <summary>
    /// Reads the manifest and loads every enabled plugin into a new catalog; plugins outside the manifest's folder
    /// tree are refused unless <paramref name="allowExternal"/> (<c>--allow-external-plugins</c>).
    /// </summary>
    public static PluginCatalog Load(string manifestPath, bool allowExternal = false) => Load(PluginManifestReader.Read(manifestPath, allowExternal));

    /// <summary>Loads every enabled plugin of <paramref name="manifest"/> into a new catalog.</summary>
    public static PluginCatalog Load(PluginManifest manifest) => Load(manifest, LoadIntoMemory);

    /// <summary>
    /// Loads every enabled plugin of <paramref name="manifest"/> into a new catalog; <paramref name="reloadable"/>
    /// reads the assemblies into memory and makes their load contexts collectible, released once
    /// <see cref="PluginCatalog.Unload"/> is called and nothing else holds their types.
    /// </summary>
    public static PluginCatalog Load(PluginManifest manifest, bool reloadable)
    {
        var catalog = new PluginCatalog();
        foreach (var entry in manifest.Plugins.Where(p => p.Enabled))
        {
            catalog.Add(LoadOne(manifest, entry, catalog, reloadable));
        }

        if (reloadable)
        {
            lock (Reloadable)
            {
                Reloadable.Add(catalog);
            }
        }

        return catalog;
    }

    /// <summary>Unloads the catalogs loaded in reloadable mode since the last call (<c>run --watch</c>, between runs).</summary>
    internal static void UnloadReloadable()
    {
        lock (Reloadable)
        {
            foreach (var catalog in Reloadable)
            {
                catalog.Unload();
            }

            Reloadable.Clear();
        }
    }

    private static LoadedPlugin LoadOne(PluginManifest manifest, PluginManifestEntry entry, PluginCatalog catalog, bool reloadable)
    {
        PluginLoadException Fail(string reason, Exception? inner = null) => // one line, also where the runtime's message has two
            new(manifest.FilePath, entry.DisplayName, $"{entry.JsonPath}: {reason.ReplaceLineEndings(" ")}", inner);

        if (!File.Exists(entry.FullPath))
        {
            throw Fail($"file not found: {entry.FullPath}; build the plugin or fix \"path\" (it is relative to the manifest)");
        }

        var incompatibility = CheckContractsReference(entry.FullPath, Fail);
        if (entry.Sha256 is { } expected)
        {
            var actual = PluginManifestEditor.Sha256Of(entry.FullPath);
            if (actual != expected)
            {
                throw Fail($"sha256 mismatch: the manifest pins {expected}, the file is {actual}; if you rebuilt the plugin on purpose, update \"sha256\"");
            }
        }

        if (incompatibility is not null)
        {
            throw Fail(incompatibility);
        }

        Assembly assembly;
        try
        {
            var context = CreateLoadContext(entry.FullPath, reloadable);
            catalog.Track(context);
            if (reloadable)
            {
                using var image = new MemoryStream(File.ReadAllBytes(entry.FullPath));
                assembly = context.LoadFromStream(image);
            }
            else
            {
                assembly = context.LoadFromAssemblyPath(entry.FullPath);
            }
        }
        catch (Exception ex) when (IsDamaged(ex))
        {
            throw Fail($"cannot be loaded: {ex.Message}", ex);
        }

        var name = assembly.GetName().Name ?? entry.DisplayName;
        Type[] entryPoints;
        try
        {
            entryPoints = assembly.GetExportedTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IActorLabPlugin).IsAssignableFrom(t))
                .ToArray();
        }
        catch (Exception ex) when (IsDamaged(ex))
        {
            throw Fail($"its types cannot be loaded (a dependency is missing from the plugin's folder, or the file is damaged?): {ex.Message}", ex);
        }

        if (entryPoints.Length == 0)
        {
            throw Fail($"no entry point: add one public class implementing {nameof(IActorLabPlugin)} (ActorLab.Contracts.Plugins) that registers the plugin's components");
        }

        if (entryPoints.Length > 1)
        {
            throw Fail($"{entryPoints.Length} entry points ({string.Join(", ", entryPoints.Select(t => t.FullName))}); a plugin has exactly one class implementing {nameof(IActorLabPlugin)}");
        }

        var registry = new ComponentRegistry(name, catalog.Components);
        try
        {
            var plugin = (IActorLabPlugin)Activator.CreateInstance(entryPoints[0])!;
            plugin.Register(registry, new PluginContext(name, Path.GetDirectoryName(entry.FullPath)!, manifest.Directory, entry.Config));
        }
        catch (ComponentRegistrationException ex)
        {
            throw Fail(ex.Message, ex);
        }
        catch (Exception ex)
        {
            var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            throw Fail($"registration threw {cause.GetType().Name}: {cause.Message}", cause);
        }

        string version;
        try
        {
            version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? assembly.GetName().Version?.ToString() ?? "?";
        }
        catch (Exception ex) when (IsDamaged(ex))
        {
            throw Fail($"its attributes cannot be read (the file is damaged?): {ex.Message}; rebuild the plugin", ex);
        }

        return new LoadedPlugin(name, version, entry.FullPath, registry.Added);
    }

    /// <summary>What the runtime throws for an assembly whose metadata, IL or references do not hold together (a damaged file, a missing dependency).</summary>
    private static bool IsDamaged(Exception ex) => ex is BadImageFormatException or FileLoadException or FileNotFoundException
        or TypeLoadException or ReflectionTypeLoadException or MissingMemberException or InvalidProgramException or CustomAttributeFormatException
        or System.Runtime.InteropServices.COMException; // the metadata importer's HRESULTs, e.g. "Signature missing token"

    /// <summary>
    /// Reads, without loading, which ActorLab.Contracts the assembly was built against and whether it can run on the
    /// host's (<see cref="ContractsCompatibility"/>): null when it can (or references no contracts), else why not.
    /// </summary>
    private static string? CheckContractsReference(string path, Func<string, Exception?, PluginLoadException> fail)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                throw fail("not a .NET assembly (no CLI metadata); \"path\" must point at the plugin's .dll, not a native library", null);
            }

            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                throw fail("not a .NET assembly (a module without an assembly manifest)", null);
            }

            var contractsName = typeof(IActorLabPlugin).Assembly.GetName().Name;
            var contracts = reader.AssemblyReferences.FirstOrDefault(h => reader.GetString(reader.GetAssemblyReference(h).Name) == contractsName);
            return contracts.IsNil ? null : ContractsCompatibility.Check(reader, contracts, reader.GetAssemblyReference(contracts).Version);
        }
        catch (BadImageFormatException ex)
        {
            throw fail("not a .NET assembly (not a PE file)", ex);
        }
    }

    private static System.Runtime.Loader.AssemblyLoadContext CreateLoadContext(string path, bool reloadable)
    {
        var builder = new AssemblyLoadContextBuilder()
            .SetMainAssemblyPath(path)
            .IsLazyLoaded(true);
        if (reloadable)
        {
            builder.PreloadAssembliesIntoMemory().EnableUnloading(); // its own dependencies too, so a rebuilt one reloads
        }

        foreach (var shared in SharedAssemblies)
        {
            builder.PreferDefaultLoadContextAssembly(shared.GetName());
        }

        // Everything else the plugin ships is private to it, even where the host has its own copy.
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.dll"))
        {
            if (TryGetAssemblyName(file) is { Name: { } name } assemblyName && !SharedNames.Contains(name))
            {
                builder.PreferLoadContextAssembly(assemblyName);
            }
        }

        return builder.Build();
    }

    private static AssemblyName? TryGetAssemblyName(string file)
    {
        try
        {
            return AssemblyName.GetAssemblyName(file);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
        {
            return null; // a native library next to the plugin
        }
    }
}
