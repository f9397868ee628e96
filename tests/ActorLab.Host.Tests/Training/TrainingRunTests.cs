using ActorLab.Contracts.Randomness;
using System.Globalization;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using ActorLab.Host.Training;
using TorchSharp;
using Xunit;

namespace ActorLab.Host.Tests.Training;

/// <summary>The training kind through the trainer actors: learning, data-parallel equivalence, resume, early stopping, memory.</summary>
public sealed class TrainingRunTests() : TempDirectoryTest("training")
{
    private string Scenario(string optimization, string name = "t") => Write($$"""
        { "name": "{{name}}", "kind": "training", "seed": 3, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [32] } },
          "optimization": { {{optimization}} } }
        """);

    private string Write(string json)
    {
        var path = Path.Combine(Dir, $"s-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private async Task<TrainingSummary> Run(string path)
    {
        var request = new RunRequest(path, Repo.Manifest, Path.Combine(Dir, "runs"), 2);
        return await TrainingLauncher.RunAsync(request, TrainingLauncher.Prepare(request));
    }

    private static double[][] Metrics(TrainingSummary summary) => File.ReadAllLines(Path.Combine(summary.RunDirectory, "metrics.csv")).Skip(1)
        .Select(l => l.Split(',').SkipLast(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray(); // without seconds

    [Fact]
    public async Task One_trainer_learns_digits_and_the_same_seed_gives_the_same_metrics()
    {
        var path = Scenario("\"epochs\": 4, \"batchSize\": 32, \"learningRate\": 0.1");
        var first = await Run(path);
        var second = await Run(path);
        Assert.Equal("completed", first.Status);
        Assert.True(first.FinalAccuracy > 0.85, $"accuracy {first.FinalAccuracy}");
        var metrics = Metrics(first);
        Assert.Equal(4, metrics.Length);
        Assert.All(metrics.SelectMany(r => r.Where((_, i) => i != 8)), v => Assert.True(double.IsFinite(v))); // column 8, positive F1, is NaN for 10 classes
        Assert.Equal(metrics, Metrics(second));
    }

    [Fact]
    public async Task A_trainer_on_two_intra_op_threads_repeats_itself_exactly_and_trains_like_one_thread()
    {
        // Wide layers, so that the products are large enough for libtorch to split (whether a split changes a sum's
        // order depends on the kernel; on Fashion-MNIST it does, the bench scenario's test loss moves in the 5th digit).
        const string options = "\"epochs\": 3, \"batchSize\": 256, \"learningRate\": 0.1";
        string Wide(string optimization) => Write($$"""
            { "kind": "training", "seed": 3, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [512, 512] } },
              "optimization": { {{optimization}} } }
            """);
        var two = Wide(options + ", \"threads\": 2");
        var first = Metrics(await Run(two));
        Assert.Equal(first, Metrics(await Run(two)));
        var one = Metrics(await Run(Wide(options)));
        for (var e = 0; e < 3; e++)
        {
            Assert.Equal(one[e][4], first[e][4], 3); // test loss: the same training, summed in another order
        }
    }

    [Fact]
    public async Task Gradient_clipping_scales_steps_whose_norm_exceeds_it_and_leaves_smaller_ones_alone()
    {
        const string options = "\"epochs\": 2, \"batchSize\": 32, \"learningRate\": 0.1";
        var plain = await Run(Scenario(options));
        var loose = await Run(Scenario(options + ", \"gradientClip\": 1e9"));
        Assert.Equal(Metrics(plain), Metrics(loose)); // no step reaches the clip: nothing changes
        var norms = File.ReadAllLines(Path.Combine(plain.RunDirectory, "steps.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToArray();
        var clip = norms.Order().ElementAt(norms.Length / 2) / 4; // most steps clipped
        var clipped = await Run(Scenario(options + $", \"gradientClip\": {clip.ToString("R", CultureInfo.InvariantCulture)}"));
        Assert.Equal("completed", clipped.Status);
        Assert.NotEqual(Metrics(plain)[1][4], Metrics(clipped)[1][4]); // test loss after epoch 2
        // Shorter steps: the first epoch's training loss stays higher, and it still learns (chance accuracy is 0.1).
        Assert.True(Metrics(clipped)[0][1] > Metrics(plain)[0][1], $"train loss clipped {Metrics(clipped)[0][1]}, plain {Metrics(plain)[0][1]}");
        Assert.True(clipped.FinalAccuracy > 0.2, $"accuracy {clipped.FinalAccuracy}");
    }

    [Fact]
    public async Task Adamw_from_the_loss_zoo_plugin_trains_a_model()
    {
        var summary = await Run(Write("""
            { "kind": "training", "seed": 2, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [32] } },
              "optimizer": { "name": "adamw", "options": { "weightDecay": 0.01 } }, "optimization": { "epochs": 3, "batchSize": 32, "learningRate": 0.003 } }
            """));
        Assert.True(summary.FinalAccuracy > 0.9, $"accuracy {summary.FinalAccuracy}");
    }

    [Fact]
    public void A_seeded_initialisation_is_not_disturbed_by_another_one_starting_during_it()
    {
        // torch's default generator is process-wide. Run A seeds it, then waits (up to 300 ms) inside its draw for run B,
        // which starts meanwhile on another thread; B must wait for A's draws to finish, or A's weights change.
        static float[] Draw() => torch.rand(64).data<float>().ToArray();
        var expected = new[] { SeededTorch.Run(1, "model.init", Draw), SeededTorch.Run(2, "model.init", Draw) };
        using var aSeeded = new ManualResetEventSlim();
        using var bDone = new ManualResetEventSlim();
        float[]? a = null, b = null;
        var first = new Thread(() => a = SeededTorch.Run(1, "model.init", () =>
        {
            aSeeded.Set();
            bDone.Wait(300);
            return Draw();
        }));
        var second = new Thread(() =>
        {
            aSeeded.Wait();
            b = SeededTorch.Run(2, "model.init", Draw);
            bDone.Set();
        });
        first.Start();
        second.Start();
        first.Join();
        second.Join();
        Assert.Equal(expected[0], a);
        Assert.Equal(expected[1], b);
    }

    [Fact]
    public async Task An_mlp_with_ghost_batch_norm_trains_and_evaluates_with_its_running_statistics()
    {
        var summary = await Run(Write("""
            { "kind": "training", "seed": 2, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [32], "batchNorm": true, "ghostBatchSize": 16 } },
              "optimization": { "epochs": 10, "batchSize": 128, "learningRate": 0.1 } }
            """));
        Assert.True(summary.FinalAccuracy > 0.9, $"accuracy {summary.FinalAccuracy}"); // chance is 0.1; the same MLP without it ends at 0.891
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Data_parallel_trainers_average_gradients_into_the_one_large_batch_step(int trainers)
    {
        var single = Metrics(await Run(Scenario("\"epochs\": 2, \"batchSize\": 30, \"learningRate\": 0.1")));
        var parallel = Metrics(await Run(Scenario($"\"epochs\": 2, \"batchSize\": 30, \"learningRate\": 0.1, \"trainers\": {trainers}")));
        for (var e = 0; e < 2; e++)
        {
            Assert.Equal(single[e][4], parallel[e][4], 4); // test loss
            Assert.Equal(single[e][5], parallel[e][5], 4); // test accuracy
            Assert.Equal(single[e][1], parallel[e][1], 4); // train loss
        }
    }

    [Fact]
    public async Task A_resumed_run_continues_exactly_where_the_checkpoint_left_off()
    {
        var checkpoint = Path.Combine(Dir, "ckpt", "model.bin");
        var straight = Metrics(await Run(Scenario("\"epochs\": 4, \"batchSize\": 32, \"learningRate\": 0.1, \"warmupSteps\": 100")));
        await Run(Scenario($"\"epochs\": 2, \"batchSize\": 32, \"learningRate\": 0.1, \"warmupSteps\": 100, \"checkpoint\": \"{checkpoint}\""));
        Assert.True(File.Exists(checkpoint) && File.Exists(checkpoint + ".json"));
        var resumed = await Run(Scenario($"\"epochs\": 4, \"batchSize\": 32, \"learningRate\": 0.1, \"warmupSteps\": 100, \"checkpoint\": \"{checkpoint}\", \"resume\": true"));
        Assert.Equal(2, resumed.ResumedFromEpoch);
        var tail = Metrics(resumed);
        Assert.Equal(2, tail.Length); // epochs 3 and 4
        Assert.Equal(straight[3][4], tail[1][4], 5);
        Assert.Equal(straight[2][3], tail[0][3], 9); // the warm-up (100 steps, about 2.2 epochs) continued from the saved step
    }

    [Fact]
    public async Task Early_stopping_ends_a_diverging_run_after_patience_epochs_without_improvement()
    {
        var summary = await Run(Scenario("\"epochs\": 10, \"batchSize\": 16, \"learningRate\": 0.1, \"patience\": 2"));
        Assert.False(summary.StoppedEarly); // improving all along: runs every epoch
        var diverging = await Run(Scenario("\"epochs\": 10, \"batchSize\": 16, \"learningRate\": 40, \"patience\": 2"));
        Assert.True(diverging.StoppedEarly, $"ran {diverging.EpochsRun} epochs");
        Assert.True(diverging.EpochsRun < 10);
    }

    [SkippableFact]
    public void Asking_for_cuda_without_the_cuda_backend_is_an_error_at_the_field()
    {
        Skip.If(torch.cuda.is_available(), "a CUDA device is present");
        var error = Assert.Single(Assert.Throws<ScenarioException>(() =>
            TrainingLauncher.Prepare(new RunRequest(Scenario("\"epochs\": 1, \"device\": \"cuda\""), Repo.Manifest, Dir, 1))).Errors);
        Assert.Equal("$.optimization.device", error.JsonPath);
        Assert.Contains("libtorch-cpu", error.Message);
    }

    [Fact]
    public void Schedules_warm_up_linearly_then_follow_their_shape()
    {
        var cosine = new LearningRateSchedule("warmup-cosine", 1.0, 10, 0.1, 110);
        Assert.Equal(0.1, cosine.At(0), 12);
        Assert.Equal(1.0, cosine.At(9), 12);
        Assert.Equal(0.5, cosine.At(60), 12); // half-way through the cosine
        Assert.Equal(0.0, cosine.At(110), 12);
        var wsd = new LearningRateSchedule("warmup-stable-decay", 2.0, 0, 0.25, 100);
        Assert.Equal(2.0, wsd.At(74), 12);
        Assert.Equal(2.0 * 0.12 / 0.25, wsd.At(88), 9);
    }
}
