namespace ActorLab.Host.Cli;

/// <summary>Finds plugins.json: the path given, else the nearest plugins.json in the working folder or above.</summary>
public static class ManifestLocator
{
    /// <summary>The manifest file name.</summary>
    public const string FileName = "plugins.json";

    /// <summary>Resolves the manifest path; an explicit path is returned as given (errors name it).</summary>
    public static string Find(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return explicitPath;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
            }
        }

        return FileName;
    }
}
