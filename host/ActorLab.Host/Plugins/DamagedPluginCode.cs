using System.Reflection;
using System.Runtime.Loader;

namespace ActorLab.Host.Plugins;

/// <summary>
/// The runtime could not run a plugin's code: its IL, metadata or references do not hold together, because the file is
/// damaged or was built against other assemblies. Such a file can load and register, and fail only when a component's
/// code first runs or the host reads its options record (a BadImageFormatException, InvalidProgramException,
/// TypeLoadException, MissingMethodException, an assembly reference that cannot be resolved, a custom attribute that
/// cannot be read); it is the plugin's file to fix, reported in one line, not a crash of the host.
/// </summary>
public static class DamagedPluginCode
{
    /// <summary>The one-line message for <paramref name="ex"/> (or an exception it wraps) when it is such a failure of a plugin's code; else null.</summary>
    public static string? Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is DamagedPluginException damaged)
            {
                return Message(damaged.Assembly, damaged.InnerException!);
            }

            // Recognised by where it was thrown: a method of an assembly that a plugin's own load context holds.
            if (IsDamage(e) && e.TargetSite?.DeclaringType?.Assembly is { } assembly && IsPlugin(assembly))
            {
                return Message(assembly, e);
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="read"/>, the host's reflection over <paramref name="type"/>; a failure because the plugin that
    /// declares it is damaged becomes a <see cref="DamagedPluginException"/>.
    /// </summary>
    public static T Reading<T>(Type type, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (IsDamage(ex) && IsPlugin(type.Assembly))
        {
            throw new DamagedPluginException(type.Assembly, ex);
        }
    }

    private static bool IsDamage(Exception e) => e switch
    {
        BadImageFormatException or InvalidProgramException or TypeLoadException or MissingMemberException or CustomAttributeFormatException => true,
        // An assembly reference that does not resolve names an assembly ("System.C8llections, Version=..."), not a data file.
        FileNotFoundException { FileName: { } name } => name.Contains(", Version=", StringComparison.Ordinal),
        _ => false,
    };

    private static bool IsPlugin(Assembly assembly) =>
        AssemblyLoadContext.GetLoadContext(assembly) is { } context && context != AssemblyLoadContext.Default;

    private static string Message(Assembly assembly, Exception e)
    {
        var name = assembly.GetName().Name;
        var file = string.IsNullOrEmpty(assembly.Location) ? $"{name}.dll" : assembly.Location;
        return $"{file}: plugin '{name}' cannot run: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ')}; the file is damaged or was built against other assemblies: rebuild the plugin";
    }
}
