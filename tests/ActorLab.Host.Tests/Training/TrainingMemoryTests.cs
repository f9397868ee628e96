using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using ActorLab.Host.Training;
using TorchSharp;
using Xunit;

namespace ActorLab.Host.Tests.Training;

/// <summary>
/// The trainer's per-step dispose scopes: no tensor outlives its step, and the process's memory stays flat. Alone in its
/// collection, because the working set is the whole process's and other tests allocate in parallel.
/// </summary>
[Collection(Name)]
public sealed class TrainingMemoryTests() : TempDirectoryTest("training-memory")
{
    /// <summary>The collection that runs alone.</summary>
    public const string Name = "memory";

    [Fact]
    public void Ten_thousand_steps_leave_the_tensor_count_and_memory_flat()
    {
        var path = TrainingRuns.Write(Dir, "memory", """
            { "kind": "training", "seed": 3, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [32] } },
              "optimization": { "epochs": 1000, "batchSize": 8, "learningRate": 0.05 } }
            """);
        var plan = TrainingLauncher.Prepare(new RunRequest(path, Repo.Manifest, Dir, 1));
        using var data = new TrainingData(plan);
        using var replica = new TrainerReplica(plan, data);
        long steps = 0;
        var epoch = 1;
        void TrainTo(long target)
        {
            while (steps < target)
            {
                steps += replica.TrainEpoch(epoch++, steps, target - steps).Steps;
            }
        }

        // Warm-up: JIT, and the native allocators' pools, which measured alone grow by about 80 MiB over the first
        // 20,000 steps and then not at all (5, 8, 45, 79, 79 MiB at 2.5k, 5k, 10.5k, 20.5k, 30.5k steps).
        TrainTo(20_000);
        GC.Collect();
        var liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var memoryBefore = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;
        TrainTo(30_000);
        GC.Collect();
        var liveAfter = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var memoryAfter = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;
        Assert.Equal(liveBefore, liveAfter);
        Assert.True(memoryAfter - memoryBefore < 16L << 20, $"working set grew by {(memoryAfter - memoryBefore) >> 20} MiB over 10,000 steps");
    }
}

/// <summary>Runs <see cref="TrainingMemoryTests"/> with no other test in parallel.</summary>
[CollectionDefinition(TrainingMemoryTests.Name, DisableParallelization = true)]
public sealed class TrainingMemoryCollection;
