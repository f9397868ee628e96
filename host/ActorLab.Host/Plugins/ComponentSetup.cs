using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Plugins;

/// <summary>
/// Creating and setting up a component before a run: an <see cref="ArgumentException"/> it throws there is, by the
/// .NET convention, its options refused (a checkpoint that is not there, a value out of range), so it is reported as
/// the user's mistake, with the options' JSON path and exit code 2, rather than as a crash; one whose
/// <see cref="ArgumentException.ParamName"/> is an option the scenario gives points at that option. Running out of
/// memory while it allocates (libtorch's allocator, or the runtime's) is reported the same way: its sizes are too large.
/// </summary>
public static partial class ComponentSetup
{
    /// <summary>
    /// Runs <paramref name="setup"/>; its <see cref="ArgumentException"/> or allocation failure becomes a
    /// <see cref="ComponentOptionsException"/> at <paramref name="jsonPath"/> (or at the option of <paramref name="options"/>
    /// the exception names); <paramref name="component"/> names what was set up in the message, e.g. <c>model 'mlp'</c>.
    /// </summary>
    public static T Checked<T>(string jsonPath, Func<T> setup, ComponentOptions? options = null, string component = "it")
    {
        try
        {
            return setup();
        }
        catch (ArgumentException ex)
        {
            var option = ex.ParamName is { } name && options?.Raw.ValueKind == System.Text.Json.JsonValueKind.Object
                ? options.Raw.EnumerateObject().Select(p => p.Name).FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase))
                : null;
            var reason = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            throw new ComponentOptionsException(option is null ? jsonPath : $"{options!.JsonPath}.{option}", reason);
        }
        catch (Exception ex) when (OutOfMemory(ex) is { } reason)
        {
            throw new ComponentOptionsException(jsonPath, $"{component} {reason}; use smaller sizes");
        }
    }

    /// <summary>As <see cref="Checked{T}(string, Func{T}, ComponentOptions, string)"/>, for a setup without a result.</summary>
    public static void Checked(string jsonPath, Action setup) => Checked(jsonPath, () =>
    {
        setup();
        return 0;
    });

    /// <summary>How the allocation failed, in one line (<c>does not fit in memory (...)</c>), when <paramref name="ex"/> is an allocation failure; else null.</summary>
    public static string? OutOfMemory(Exception ex)
    {
        if (ex is OutOfMemoryException)
        {
            return "does not fit in memory (.NET could not allocate it)";
        }

        // libtorch: "DefaultCPUAllocator: can't allocate memory: you tried to allocate 256000000000 bytes. ..." followed by
        // its native stack, or "CUDA out of memory. Tried to allocate 2.00 GiB ...".
        if (ex is ExternalException && (ex.Message.Contains("can't allocate memory", StringComparison.Ordinal) || ex.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)))
        {
            return AllocationSize().Match(ex.Message) is { Success: true } size && double.TryParse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var bytes)
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"does not fit in memory (libtorch could not allocate {bytes / 1e9:F1} GB)")
                : "does not fit in memory (libtorch could not allocate it)";
        }

        return null;
    }

    [GeneratedRegex(@"tried to allocate (\d+) bytes")]
    private static partial Regex AllocationSize();
}
