using System.Runtime.Loader;

namespace ActorLab.Host.Plugins;

/// <summary>
/// The runtime could not run a plugin's code: its IL, metadata or references do not hold together, because the file is
/// damaged or was built against other assemblies. Such a file can load and register, and fail only when a component's
/// code first runs (a BadImageFormatException, InvalidProgramException, TypeLoadException or MissingMethodException
/// thrown in one of the plugin's methods); it is the plugin's file to fix, reported in one line, not a crash of the host.
/// </summary>
public static class DamagedPluginCode
{
    /// <summary>The one-line message for <paramref name="ex"/> (or an exception it wraps) when it is such a failure in a plugin's code; else null.</summary>
    public static string? Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            // Recognised by where it was thrown: a method of an assembly that a plugin's own load context holds.
            if (e is BadImageFormatException or InvalidProgramException or TypeLoadException or MissingMemberException
                && e.TargetSite?.DeclaringType?.Assembly is { } assembly
                && AssemblyLoadContext.GetLoadContext(assembly) is { } context && context != AssemblyLoadContext.Default)
            {
                var name = assembly.GetName().Name;
                var file = string.IsNullOrEmpty(assembly.Location) ? $"{name}.dll" : assembly.Location;
                return $"{file}: plugin '{name}' cannot run: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ')}; the file is damaged or was built against other assemblies: rebuild the plugin";
            }
        }

        return null;
    }
}
