namespace ActorLab.Host.Results.Database;

/// <summary>
/// The commit checked out in the working directory, read from <c>.git</c> (no git process): HEAD, the ref it names,
/// or packed-refs. Handles worktrees (<c>.git</c> as a file) and detached heads; null outside a checkout.
/// </summary>
public static class GitCommit
{
    /// <summary>The commit of the checkout holding <paramref name="directory"/>, or null.</summary>
    public static string? Of(string directory)
    {
        try
        {
            for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
            {
                var dotGit = Path.Combine(dir.FullName, ".git");
                if (Directory.Exists(dotGit))
                {
                    return FromGitDirectory(dotGit);
                }

                if (File.Exists(dotGit))
                {
                    // A worktree or submodule: ".git" holds "gitdir: <path>".
                    var line = File.ReadAllText(dotGit).Trim();
                    return line.StartsWith("gitdir:", StringComparison.Ordinal)
                        ? FromGitDirectory(Path.GetFullPath(line["gitdir:".Length..].Trim(), dir.FullName))
                        : null;
                }
            }
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    private static string? FromGitDirectory(string gitDir)
    {
        var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return head;
        }

        var name = head["ref:".Length..].Trim();
        // Worktrees keep their HEAD in their own folder and the refs in the common one.
        var commonFile = Path.Combine(gitDir, "commondir");
        var common = File.Exists(commonFile) ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDir) : gitDir;
        foreach (var root in new[] { gitDir, common })
        {
            var loose = Path.Combine(root, name);
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }
        }

        var packed = Path.Combine(common, "packed-refs");
        return File.Exists(packed)
            ? File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == name)?[0]
            : null;
    }
}
