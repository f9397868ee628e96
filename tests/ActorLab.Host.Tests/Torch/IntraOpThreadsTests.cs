using ActorLab.Host.Torch;
using TorchSharp;
using Xunit;

namespace ActorLab.Host.Tests.Torch;

/// <summary>A trainer's intra-op threads change its own thread only, and only while its scope lasts.</summary>
public sealed class IntraOpThreadsTests
{
    [Fact]
    public void A_scope_sets_this_threads_count_and_puts_the_previous_back_without_touching_other_threads()
    {
        TorchRuntime.Initialize();
        int inside = 0, after = 0, otherDuring = 0;
        using var entered = new ManualResetEventSlim();
        using var checkedOther = new ManualResetEventSlim();
        var trainer = new Thread(() =>
        {
            using (IntraOpThreads.Use(2))
            {
                inside = IntraOpThreads.Current;
                using var product = torch.randn(256, 256).mm(torch.randn(256, 256)); // a parallel op under the scope
                entered.Set();
                checkedOther.Wait();
            }

            after = IntraOpThreads.Current;
        });
        // A thread doing its first libtorch work while the scope is open: torch.set_num_threads would hand it 2.
        var other = new Thread(() =>
        {
            entered.Wait();
            otherDuring = IntraOpThreads.Current;
            checkedOther.Set();
        });
        trainer.Start();
        other.Start();
        trainer.Join();
        other.Join();
        Assert.Equal(2, inside);
        Assert.Equal(1, after);
        Assert.Equal(1, otherDuring);
    }

    [Fact]
    public void One_thread_changes_nothing()
    {
        TorchRuntime.Initialize();
        var before = IntraOpThreads.Current;
        using (IntraOpThreads.Use(1))
        {
            Assert.Equal(before, IntraOpThreads.Current);
        }
    }
}
