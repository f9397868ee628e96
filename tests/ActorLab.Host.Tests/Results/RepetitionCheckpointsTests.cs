using ActorLab.Host.Results;
using Xunit;

namespace ActorLab.Host.Tests.Results;

/// <summary>What an unfinished bandit or game run keeps of its repetitions' checkpoints.</summary>
public sealed class RepetitionCheckpointsTests
{
    /// <summary>Repetitions started, each having reached the checkpoints (multiples of 10, horizon 100) up to its entry.</summary>
    private static RepetitionCheckpoints<string> Reached(params long[] last)
    {
        var checkpoints = new RepetitionCheckpoints<string>(100);
        for (var r = 0; r < last.Length; r++)
        {
            checkpoints.Start(r);
            for (var step = 10L; step <= last[r]; step += 10)
            {
                checkpoints.Record(r, step, $"{r}@{step}");
            }
        }

        return checkpoints;
    }

    [Fact]
    public void Every_started_repetition_is_kept_up_to_the_checkpoint_all_of_them_reached()
    {
        var (step, kept) = Reached(70, 40, 90).Kept(); // 3 x 40 steps, more than no completed repetition
        Assert.Equal(40, step);
        Assert.Equal([0, 1, 2], kept.Select(k => k.Repetition));
        Assert.All(kept, k => Assert.Equal(Enumerable.Range(1, 4).Select(c => $"{k.Repetition}@{c * 10}"), k.Records));
    }

    [Fact]
    public void The_completed_repetitions_are_kept_when_they_cover_more_than_the_cut_at_the_common_checkpoint()
    {
        var (step, kept) = Reached(100, 100, 30).Kept(); // 2 x 100 completed against 3 x 30
        Assert.Equal(100, step);
        Assert.Equal([0, 1], kept.Select(k => k.Repetition));
        Assert.Equal(10, kept[0].Records.Count);

        Assert.Equal(100, Reached(100, 50).Kept().Step); // a tie keeps the completed one, whole
        Assert.Equal(60, Reached(100, 60).Kept().Step);
    }

    [Fact]
    public void Nothing_is_kept_before_a_first_checkpoint_and_everything_once_all_completed()
    {
        Assert.Empty(Reached(0, 20).Kept().Repetitions);
        Assert.Empty(new RepetitionCheckpoints<string>(100).Kept().Repetitions);
        var (step, kept) = Reached(100, 100).Kept();
        Assert.Equal((100, 2), (step, kept.Count));
    }

    [Fact]
    public void Progress_is_reported_for_each_completed_repetition_and_each_tenth_all_running_ones_passed()
    {
        var checkpoints = new RepetitionCheckpoints<string>(100);
        checkpoints.Start(0);
        checkpoints.Start(1);
        var reported = new List<RepetitionProgress>();
        foreach (var (repetition, step) in new[] { (0, 5L), (0, 10L), (1, 5L), (1, 10L), (0, 15L), (1, 15L), (0, 30L), (0, 100L) })
        {
            if (checkpoints.Record(repetition, step, "") is (var progress, true))
            {
                reported.Add(progress);
            }
        }

        // Both past 10, both past 15 (no new tenth), repetition 0 completed with 1 at 15 (reached 15, one running).
        Assert.Equal([new RepetitionProgress(0, 2, 10, 100), new RepetitionProgress(1, 1, 15, 100)], reported);
        Assert.Equal(1.15, reported[^1].Done, 10);
    }
}
