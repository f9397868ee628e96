namespace ActorLab.Host.Plugins;

/// <summary>
/// Where plugin assemblies may load from: only inside the folder tree of the manifest that lists them, so that
/// a manifest cannot be made to run code from elsewhere on the machine (an absolute path, a <c>..</c> escape or a
/// symlink pointing out of the tree). <c>--allow-external-plugins</c> lifts the rule.
/// </summary>
public static class PluginPathPolicy
{
    /// <summary>The option that lifts the rule.</summary>
    public const string AllowExternalOption = "--allow-external-plugins";

    /// <summary>
    /// Why <paramref name="relative"/> (as written in the manifest) may not load, or null when it may: absolute,
    /// or outside <paramref name="manifestDirectory"/> once normalised and with every symlink on the way resolved.
    /// </summary>
    public static string? Refusal(string manifestDirectory, string relative, string fullPath)
    {
        if (Path.IsPathRooted(relative))
        {
            return $"absolute path '{relative}' is not allowed";
        }

        string realRoot, realPath;
        try
        {
            realRoot = RealPath(manifestDirectory);
            realPath = RealPath(fullPath);
        }
        catch (IOException ex)
        {
            return $"'{relative}' cannot be resolved ({ex.Message})";
        }

        var inside = realPath.StartsWith(Path.TrimEndingDirectorySeparator(realRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (inside)
        {
            return null;
        }

        return realPath == Path.GetFullPath(fullPath)
            ? $"'{relative}' resolves to {realPath}, outside the manifest's folder {realRoot}"
            : $"'{relative}' resolves through a symlink to {realPath}, outside the manifest's folder {realRoot}";
    }

    /// <summary>The fix to append to a refusal.</summary>
    public static string Fix =>
        $"move the plugin under the manifest's folder and make \"path\" relative to it, or pass {AllowExternalOption} if you trust the file";

    /// <summary>
    /// <paramref name="path"/> made absolute with every symlink resolved, component by component (as realpath(3)):
    /// a link to a folder outside the tree is caught as well as a link to the file itself. Missing tails stay as written.
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        var hops = 0;
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++hops > 40)
            {
                throw new IOException($"too many levels of symbolic links at {next}");
            }

            // Resolve the link's target relative to the link's folder, then walk its components too.
            var resolved = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
            var resolvedRoot = Path.GetPathRoot(resolved)!;
            foreach (var piece in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(piece);
            }

            current = resolvedRoot;
        }

        return current;
    }
}
