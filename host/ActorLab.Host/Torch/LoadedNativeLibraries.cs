namespace ActorLab.Host.Torch;

/// <summary>
/// The shared libraries mapped into this process, read from <c>/proc/self/maps</c>: how the host tells whether libtorch
/// was loaded before it could put the MKL fast path in place (Linux only; elsewhere nothing is reported loaded).
/// </summary>
internal static class LoadedNativeLibraries
{
    /// <summary>The full path of the mapped library whose file name is <paramref name="fileName"/>, or null.</summary>
    public static string? PathOf(string fileName, string mapsPath = "/proc/self/maps")
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
                if (slash >= 0 && line.EndsWith("/" + fileName, StringComparison.Ordinal))
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
