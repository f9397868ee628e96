using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using ActorLab.Host.Training;
using Xunit;

namespace ActorLab.Host.Tests.Training;

/// <summary>
/// Teacher/student runs: the teacher trainer sends its logits by message, the student distils; teachers are cached
/// and reused only for the run they were trained for; and issue 6's distillation reproduction at reduced size.
/// </summary>
public sealed class DistillationTests() : TempDirectoryTest("distill")
{
    private string Scenario(int seed, string? loss, string student = "{ \"name\": \"mlp\", \"options\": { \"hidden\": [8] } }", string teacherExtra = "")
    {
        var distillation = loss is null ? "" : $$"""
            , "distillation": { "loss": "{{loss}}", "teacher": { "model": { "name": "mlp", "options": { "hidden": [256, 256] } }, "epochs": 30, "learningRate": 0.05 {{teacherExtra}} } }
            """;
        return TrainingRuns.Write(Dir, $"s-{Guid.NewGuid():N}", $$"""
            { "kind": "training", "seed": {{seed}},
              "dataset": { "name": "gaussian-mixture", "options": { "classes": 20, "features": 20, "trainSamples": 1000, "testSamples": 5000, "separation": 0.7 } },
              "model": {{student}}, "optimization": { "epochs": 30, "batchSize": 64, "learningRate": 0.1 } {{distillation}} }
            """);
    }

    private Task<TrainingSummary> Run(string path) => TrainingRuns.RunFileAsync(Dir, path);

    [Fact]
    public async Task A_small_student_distilled_with_kd_or_pld_beats_the_same_student_trained_on_labels()
    {
        // The claim is PLD >= KD > CE. Measured over 5 seeds at this size (scenarios/repro/README.md): KD 0.590,
        // PLD 0.552, CE 0.542 mean test accuracy; PLD >= KD did not reproduce, so only "each beats CE" is asserted.
        foreach (var seed in new[] { 1, 2 })
        {
            var ce = await Run(Scenario(seed, null));
            var kd = await Run(Scenario(seed, "kd"));
            var pld = await Run(Scenario(seed, "pld"));
            Assert.All(new[] { ce, kd, pld }, s => Assert.Equal("completed", s.Status));
            Assert.Null(ce.TeacherAccuracy);
            Assert.True(kd.TeacherAccuracy > kd.FinalAccuracy + 0.05, $"seed {seed}: teacher {kd.TeacherAccuracy}, student {kd.FinalAccuracy}: the wide teacher should be clearly better");
            Assert.True(kd.FinalAccuracy > ce.FinalAccuracy, $"seed {seed}: KD {kd.FinalAccuracy:F4} vs CE {ce.FinalAccuracy:F4}");
            Assert.True(pld.FinalAccuracy > ce.FinalAccuracy, $"seed {seed}: PLD {pld.FinalAccuracy:F4} vs CE {ce.FinalAccuracy:F4}");
        }
    }

    [Fact]
    public async Task A_dual_head_student_trains_with_dhkd_and_is_evaluated_through_its_first_head()
    {
        var summary = await Run(Scenario(1, "dhkd", "{ \"name\": \"dual-head-mlp\", \"options\": { \"hidden\": [8] } }"));
        Assert.Equal("completed", summary.Status);
        Assert.True(summary.FinalAccuracy > 0.5, $"accuracy {summary.FinalAccuracy}"); // 20 classes: chance is 0.05

        var wrong = await Run(Scenario(1, "dhkd")); // a one-head student cannot take dhkd
        Assert.Equal("failed", wrong.Status);
        Assert.Contains("use the 'dual-head-mlp' model", wrong.Failure);
    }

    [Fact]
    public async Task A_cached_teacher_is_reused_for_its_own_run_and_refused_for_another_seed()
    {
        var checkpoint = Path.Combine(Dir, "teachers", "t.bin");
        var extra = $", \"checkpoint\": \"{checkpoint}\"";
        var first = await Run(Scenario(1, "kd", teacherExtra: extra));
        Assert.True(File.Exists(checkpoint));
        var written = File.GetLastWriteTimeUtc(checkpoint);

        var second = await Run(Scenario(1, "kd", teacherExtra: extra));
        Assert.Equal(first.TeacherAccuracy, second.TeacherAccuracy);
        Assert.Equal(first.FinalAccuracy, second.FinalAccuracy);
        Assert.Equal(written, File.GetLastWriteTimeUtc(checkpoint)); // loaded, not trained again

        var other = await Run(Scenario(2, "kd", teacherExtra: extra));
        Assert.Equal("failed", other.Status);
        Assert.Contains("$.distillation.teacher.checkpoint", other.Failure);
        Assert.Contains("seed 1", other.Failure);
    }

    [Fact]
    public void An_unknown_distillation_loss_is_an_error_at_its_field()
    {
        var error = Assert.Single(Assert.Throws<ScenarioException>(() =>
            TrainingLauncher.Prepare(new RunRequest(Scenario(1, "kdd"), Repo.Manifest, Dir, 1))).Errors);
        Assert.Equal("$.distillation.loss", error.JsonPath);
        Assert.Contains("no distillation loss named 'kdd'", error.Message);
        Assert.Contains("pld", error.Message);
    }
}
