namespace ActorLab.Host.Torch;

/// <summary>
/// The shared libraries mapped into this process, read from <c>/proc/self/maps</c>: how the host tells whether libtorch
/// was loaded before it could put the MKL fast path in place (Linux only; elsewhere nothing is reported loaded).
/// </summary>
internal static class LoadedNativeLibraries
{
    /// <summary>The full path of the mapped library whose file name is <paramref name="fileName"/>, or null.</summary>
    public static string? PathOf(string fileName, string mapsPath = "/proc/self/maps") =>
        Find(name => name == fileName, mapsPath);

    /// <summary>
    /// The full path of the first mapped library whose file name starts with <paramref name="prefix"/> (libtorch's
    /// bundled OpenMP runtime carries a hash in its name, libgomp-98b21ff3.so.1), or null.
    /// </summary>
    public static string? PathStartingWith(string prefix, string mapsPath = "/proc/self/maps") =>
        Find(name => name.StartsWith(prefix, StringComparison.Ordinal), mapsPath);

    private static string? Find(Func<string, bool> matches, string mapsPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines(mapsPath))
            {
                // address perms offset dev inode path: the path is the text from the first '/' on.
                var slash = line.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0 && matches(line[(line.LastIndexOf('/') + 1)..]))
                {
                    return line[slash..];
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
