using ActorLab.Host.Results.Database;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>
/// One process at a time writes a run folder: a resume of a running run, or a second resume of one being resumed, is
/// refused with a message naming the process (exit code 2); a killed run shows as crashed; the next resume takes the
/// killed process's lock over and ends with the uninterrupted run's results.
/// </summary>
[Collection(CrashCampaignCollection.Name)]
public sealed class RunLockTests(CrashCampaignFixture campaign)
{
    private static readonly TimeSpan Paused = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string> PauseAtStart = new() { [TestFaultPoints.Variable] = $"{TestFaultPoints.Start}:pause" };

    [Fact]
    public async Task A_running_run_and_a_running_resume_refuse_another_resume_and_a_killed_run_shows_crashed()
    {
        _ = campaign.Reference;
        var runs = campaign.NewRunsRoot("lock");
        string runId;
        using (var running = NodeProcess.Start(campaign.Dir, PauseAtStart, "run", campaign.Scenario, "--plugins", Repo.Manifest, "--output", runs, "--workers", "1", "--json"))
        {
            await running.WaitForAsync("test fault: start pause", Paused);
            runId = CrashCampaignFixture.RunIn(runs);
            AssertRefused(campaign.Resume(runs), $"is in use by `actorlab run` (pid {running.Id} on ");
            Assert.Equal("running", Status(runs, runId));
            running.Kill();
            Assert.True(await running.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        var show = Support.Cli.Run(campaign.Dir, null, "runs", "show", runId, "--database", ResultsDatabaseSchema.DefaultPath(runs));
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains(CrashedRuns.Status, show.Stdout, StringComparison.Ordinal);
        Assert.Equal(CrashedRuns.Status, Status(runs, runId));

        using (var resuming = NodeProcess.Start(campaign.Dir, PauseAtStart, "resume", runId, "--plugins", Repo.Manifest, "--output", runs, "--workers", "1", "--json"))
        {
            await resuming.WaitForAsync("test fault: start pause", Paused);
            AssertRefused(campaign.Resume(runs), $"is in use by `actorlab resume` (pid {resuming.Id} on ");
            resuming.Kill();
            Assert.True(await resuming.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        // A resume killed before it replayed the journal changed nothing: the next one goes on as if it never ran.
        var resumed = campaign.Resume(runs);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        campaign.AssertSameAsReference(runs, "resumed after a killed run and a killed resume");
    }

    private static void AssertRefused(Support.Cli.Result result, string says)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
    }

    private static string Status(string runs, string runId) =>
        new ResultsDatabaseReader(new ResultsDatabase(ResultsDatabaseSchema.DefaultPath(runs))).Find(runId).Status;
}
