using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>
/// The fault campaign: a federated run stopped at ten moments drawn from a seed (before round 1, between a round's
/// journal write and its CSV write, after a round's rows, after the last round), then resumed; every resumed run equals
/// the uninterrupted one byte for byte, and the results database holds each round once. Once with SIGKILL (nothing of
/// the process runs after it), once with SIGTERM (it must stop like Ctrl+C, keeping what it wrote).
/// </summary>
[Collection(CrashCampaignCollection.Name)]
public sealed class CrashCampaignTests(CrashCampaignFixture campaign)
{
    private const int Seed = 15;
    private const int Moments = 10;

    /// <summary>SIGTERM must end a run within this (issue 15: it stops like Ctrl+C, within a few seconds).</summary>
    private static readonly TimeSpan TermDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Ten fault points drawn with a fixed seed: always before round 1, after the last round and one between a journal write and its CSV write.</summary>
    public static IReadOnlyList<string> Drawn()
    {
        var random = new Random(Seed);
        var rounds = Enumerable.Range(1, CrashCampaignFixture.Rounds).ToList();
        var between = $"{TestFaultPoints.Persisted}@{rounds[random.Next(rounds.Count)]}";
        var others = rounds.Select(r => $"{TestFaultPoints.Persisted}@{r}").Concat(rounds.Select(r => $"{TestFaultPoints.Written}@{r}"))
            .Where(p => p != between).OrderBy(_ => random.Next()).Take(Moments - 3);
        return [TestFaultPoints.Start, between, .. others, TestFaultPoints.End];
    }

    [Fact]
    public async Task Killed_with_sigkill_at_ten_seeded_moments_each_resume_equals_the_uninterrupted_run()
    {
        _ = campaign.Reference;
        var failures = new List<string>();
        // A few moments at a time: each is two processes, mostly single-threaded start-up.
        await Parallel.ForEachAsync(Drawn(), new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount / 2, 2, 4) }, (point, _) =>
        {
            var runs = campaign.NewRunsRoot($"kill-{point.Replace('@', '-')}");
            var killed = campaign.Run(runs, $"{point}:kill");
            var resumed = killed.ExitCode == 137 ? campaign.Resume(runs) : null;
            lock (failures)
            {
                if (killed.ExitCode != 137)
                {
                    failures.Add($"{point}: the run was not killed (exit code {killed.ExitCode}): {killed.Stderr}");
                }
                else if (resumed!.ExitCode != 0)
                {
                    failures.Add($"{point}: resume exited with {resumed.ExitCode}: {resumed.Stderr}");
                }
                else
                {
                    try
                    {
                        Assert.DoesNotContain("   at ", resumed.Stderr, StringComparison.Ordinal);
                        campaign.AssertSameAsReference(runs, $"killed at {point}");
                    }
                    catch (Exception ex) when (ex is Xunit.Sdk.XunitException)
                    {
                        failures.Add($"{point}: {ex.Message}");
                    }
                }
            }

            return ValueTask.CompletedTask;
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Stopped_with_sigterm_at_ten_seeded_moments_each_resume_equals_the_uninterrupted_run()
    {
        _ = campaign.Reference;
        // One at a time: a run that SIGTERM does not stop fails the test at its first moment, after the deadline.
        foreach (var point in Drawn())
        {
            var runs = campaign.NewRunsRoot($"term-{point.Replace('@', '-')}");
            Support.Cli.Result stopped;
            try
            {
                stopped = campaign.Run(runs, $"{point}:term", TermDeadline);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{point}: SIGTERM did not stop the run within {TermDeadline.TotalSeconds:F0} s", ex);
            }

            Assert.DoesNotContain("   at ", stopped.Stderr, StringComparison.Ordinal);
            var summary = Path.Combine(Directory.GetDirectories(runs).Single(), "summary.json");
            Assert.True(File.Exists(summary), $"{point}: SIGTERM (exit code {stopped.ExitCode}) left no summary.json: {stopped.Stderr}");
            if (!File.ReadAllText(summary).Contains("\"completed\"", StringComparison.Ordinal))
            {
                Assert.True(stopped.ExitCode != 0, $"{point}: a run stopped short by SIGTERM exited with 0");
                var resumed = campaign.Resume(runs);
                Assert.True(resumed.ExitCode == 0, $"{point}: resume exited with {resumed.ExitCode}: {resumed.Stderr}");
            }

            campaign.AssertSameAsReference(runs, $"SIGTERM at {point}");
        }
    }

    [Fact]
    public void The_drawn_moments_are_ten_and_include_the_ones_that_matter()
    {
        var drawn = Drawn();
        Assert.Equal(Moments, drawn.Distinct().Count());
        Assert.Equal(TestFaultPoints.Start, drawn[0]);
        Assert.Equal(TestFaultPoints.End, drawn[^1]);
        Assert.Contains(drawn, p => p.StartsWith($"{TestFaultPoints.Persisted}@", StringComparison.Ordinal));
        Assert.Equal(drawn, Drawn()); // the same draw every time
    }
}
