using System.Diagnostics;
using System.Text.Json;
using ActorLab.Host.Results;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Results;

/// <summary>The run folder's lock: one live owner at a time, told by pid and start time; a gone owner's lock is taken over.</summary>
public sealed class RunFolderLockTests() : TempDirectoryTest("run-lock")
{
    /// <summary>No process has this id (Linux's largest is 4,194,304).</summary>
    private const int NoSuchPid = 2_000_000_000;

    [Fact]
    public void A_live_owner_refuses_a_second_one_by_name_and_release_frees_the_folder()
    {
        using (var held = RunFolderLock.Acquire(Dir, "run"))
        {
            Assert.Null(held.Previous);
            var ex = Assert.Throws<RunFolderLockedException>(() => RunFolderLock.Acquire(Dir, "resume"));
            Assert.Contains($"is in use by `actorlab run` (pid {Environment.ProcessId} on {Environment.MachineName}", ex.Message, StringComparison.Ordinal);
            Assert.Null(RunFolderLock.StaleOwner(Dir));
        }

        Assert.False(File.Exists(RunFolderLock.PathOf(Dir)));
        using var again = RunFolderLock.Acquire(Dir, "resume");
    }

    [Fact]
    public void A_gone_owners_lock_is_taken_over_and_put_back_by_a_release_that_restores()
    {
        var gone = Owner() with { Pid = NoSuchPid, PriorWallSeconds = 12.5 };
        Write(gone);
        Assert.Equal(gone, RunFolderLock.StaleOwner(Dir));

        var taken = RunFolderLock.Acquire(Dir, "resume");
        Assert.Equal(gone, taken.Previous);
        Assert.Equal(Environment.ProcessId, Read().Pid);
        taken.Release(restorePrevious: true);
        Assert.Equal(gone, Read());
    }

    [Fact]
    public void A_reused_pid_does_not_keep_the_lock_of_the_process_that_had_it_before()
    {
        // This very process's id, but the owner started an hour before this process did: another process, now gone.
        var before = Owner() with { ProcessStartedAt = Process.GetCurrentProcess().StartTime.ToUniversalTime().AddHours(-1) };
        Write(before);
        Assert.False(before.IsAlive());
        using var taken = RunFolderLock.Acquire(Dir, "resume");
        Assert.Equal(before, taken.Previous);
    }

    [Fact]
    public void A_lock_held_on_another_machine_is_not_taken()
    {
        Write(Owner() with { Pid = NoSuchPid, Host = "elsewhere" });
        var ex = Assert.Throws<RunFolderLockedException>(() => RunFolderLock.Acquire(Dir, "resume"));
        Assert.Contains($"pid {NoSuchPid} on elsewhere", ex.Message, StringComparison.Ordinal);
        Assert.Contains(RunFolderLock.PathOf(Dir), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_prior_wall_time_is_recorded_in_the_lock()
    {
        using var held = RunFolderLock.Acquire(Dir, "resume");
        held.RecordPriorWall(42.25);
        Assert.Equal(42.25, Read().PriorWallSeconds);
        Assert.Equal(held.Owner, Read());
    }

    private static RunLockOwner Owner() => RunLockOwner.Current("run");

    private void Write(RunLockOwner owner) => File.WriteAllText(RunFolderLock.PathOf(Dir), JsonSerializer.Serialize(owner, ResultsJson.Options));

    private RunLockOwner Read() => JsonSerializer.Deserialize<RunLockOwner>(File.ReadAllText(RunFolderLock.PathOf(Dir)), ResultsJson.Options)!;
}
