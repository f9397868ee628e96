using ActorLab.Host.Results.Database;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Results;

/// <summary>The commit recorded with a run, read from .git without a git process.</summary>
public sealed class GitCommitTests() : TempDirectoryTest("git-commit")
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private string Write(string relative, string text)
    {
        var path = Path.Combine(Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_branch_in_packed_refs_is_found_from_a_subfolder()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/main\n");
        Write("repo/.git/packed-refs", $"# pack-refs with: peeled\n{Commit} refs/heads/main\n");
        Directory.CreateDirectory(Path.Combine(Dir, "repo", "runs"));

        Assert.Equal(Commit, GitCommit.Of(Path.Combine(Dir, "repo", "runs")));
    }

    [Fact]
    public void A_worktree_reads_its_own_head_and_the_common_refs()
    {
        Write("main/.git/refs/heads/feature", Commit + "\n");
        Write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/feature\n");
        Write("main/.git/worktrees/wt/commondir", "../..\n");
        Write("wt/.git", $"gitdir: {Path.Combine(Dir, "main", ".git", "worktrees", "wt")}\n");

        Assert.Equal(Commit, GitCommit.Of(Path.Combine(Dir, "wt")));
    }

    [Fact]
    public void A_detached_head_is_the_commit()
    {
        Write("repo/.git/HEAD", Commit + "\n");

        Assert.Equal(Commit, GitCommit.Of(Path.Combine(Dir, "repo")));
    }
}
