using System.Globalization;

namespace ActorLab.Contracts.Models;

/// <summary>
/// The parameters a model may have, checked before its layers are allocated: libtorch asked for more memory than the
/// machine has fails with a native stack trace, or, where the system overcommits, gets it and is killed while
/// initialising it. A run keeps several copies of its model (the global model, each trainer's replica, flat buffers
/// of updates), so the parameters alone may take at most a quarter of the memory the process may use, and the host
/// ships them as one float array, of at most <see cref="MaxParameters"/> elements.
/// </summary>
internal static class ParameterMemory
{
    /// <summary>The most parameters one flat float array holds (<see cref="Array.MaxLength"/>).</summary>
    public static long MaxParameters => Array.MaxLength;

    /// <summary>
    /// Refuses <paramref name="parameters"/> float32 parameters with an <see cref="ArgumentException"/> whose
    /// <see cref="ArgumentException.ParamName"/> is <paramref name="option"/> (the host points at that option).
    /// </summary>
    public static void Check(string component, string option, string value, double parameters)
    {
        var bytes = parameters * sizeof(float);
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var limit = available / 4.0;
        if (parameters > MaxParameters || (available > 0 && bytes > limit))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{component}: {option} {value} needs {Size(bytes)} of parameters ({parameters:N0} float32); limit {Size(limit)} (a quarter of the {Size(available)} this process may use: a run keeps several copies of its model) and {MaxParameters:N0} parameters; use fewer or narrower layers"),
                option);
        }
    }

    private static string Size(double bytes) => bytes >= 1e9
        ? (bytes / 1e9).ToString("F1", CultureInfo.InvariantCulture) + " GB"
        : (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
