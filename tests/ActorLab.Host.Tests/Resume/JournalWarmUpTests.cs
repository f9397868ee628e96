using ActorLab.Host.Resume;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>
/// The journal warm-up (issue 17) really journals and flushes a checkpoint, removes its temporary folder, runs once per
/// process, and costs nothing when the journal is off.
/// </summary>
public sealed class JournalWarmUpTests
{
    [Fact]
    public async Task A_warm_up_flushes_a_checkpoint_into_its_folder_and_deletes_the_folder()
    {
        var folder = Directory.CreateTempSubdirectory("actorlab-warm-up-test-");
        var flushed = await JournalWarmUp.JournalOnceAsync(folder).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(flushed, "the warm-up journal did not flush its checkpoint");
        Assert.False(Directory.Exists(folder.FullName), $"{folder.FullName} was left behind");
    }

    [Fact]
    public async Task A_journal_starts_one_warm_up_per_process_and_no_journal_starts_none()
    {
        Assert.True(JournalWarmUp.Start(null).IsCompletedSuccessfully);
        Assert.True(JournalWarmUp.Start(new JournalSettings("off", null)).IsCompletedSuccessfully);
        var first = JournalWarmUp.Start(new JournalSettings("sqlite", null));
        Assert.Same(first, JournalWarmUp.Start(new JournalSettings("sqlite", null)));
        await first.WaitAsync(TimeSpan.FromMinutes(2));
    }
}
