using System.Globalization;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using ActorLab.Host.Training;
using TorchSharp;
using Xunit;

namespace ActorLab.Host.Tests.Training;

/// <summary>Mixed precision: bf16 compute with float32 master weights trains like fp32; fp16 needs CUDA; the loss scaler's rule.</summary>
public sealed class MixedPrecisionTests() : TempDirectoryTest("precision")
{
    private string Scenario(string precision, string model = "{ \"name\": \"mlp\", \"options\": { \"hidden\": [32] } }") => TrainingRuns.Write(Dir, $"s-{Guid.NewGuid():N}", $$"""
        { "kind": "training", "seed": 4, "dataset": "digits", "model": {{model}},
          "optimization": { "epochs": 4, "batchSize": 32, "learningRate": 0.1, "precision": "{{precision}}" } }
        """);

    private async Task<(TrainingSummary Summary, double[] StepLosses)> Run(string path)
    {
        var summary = await TrainingRuns.RunFileAsync(Dir, path);
        var losses = File.ReadAllLines(Path.Combine(summary.RunDirectory, "steps.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        return (summary, losses);
    }

    [Fact]
    public async Task Bf16_mixed_precision_trains_like_fp32_but_computes_in_lower_precision()
    {
        var (full, fullLosses) = await Run(Scenario("fp32"));
        var (mixed, mixedLosses) = await Run(Scenario("bf16"));
        Assert.Equal("completed", mixed.Status);
        Assert.True(mixed.FinalAccuracy > 0.85, $"bf16 accuracy {mixed.FinalAccuracy}");
        Assert.True(Math.Abs(mixed.FinalAccuracy!.Value - full.FinalAccuracy!.Value) < 0.05, $"bf16 {mixed.FinalAccuracy} vs fp32 {full.FinalAccuracy}");

        // Same data order and initial weights: the first step's loss differs only by bf16 rounding (8 bits of mantissa).
        Assert.Equal(fullLosses.Length, mixedLosses.Length);
        Assert.NotEqual(fullLosses[0], mixedLosses[0]);
        Assert.True(Math.Abs(fullLosses[0] - mixedLosses[0]) < 0.05 * fullLosses[0], $"first-step loss fp32 {fullLosses[0]} vs bf16 {mixedLosses[0]}");
    }

    [Fact]
    public async Task Batch_norm_statistics_from_the_low_precision_pass_reach_the_evaluated_master()
    {
        var (summary, _) = await Run(Scenario("bf16", "{ \"name\": \"mlp\", \"options\": { \"hidden\": [32], \"batchNorm\": true } }"));
        Assert.True(summary.FinalAccuracy > 0.85, $"accuracy {summary.FinalAccuracy}"); // with the initial running statistics it would be far lower
    }

    [SkippableFact]
    public void Fp16_without_cuda_is_an_error_at_the_field_that_suggests_bf16()
    {
        Skip.If(torch.cuda.is_available(), "a CUDA device is present");
        var error = Assert.Single(Assert.Throws<ScenarioException>(() =>
            TrainingLauncher.Prepare(new RunRequest(Scenario("fp16"), Repo.Manifest, Dir, 1))).Errors);
        Assert.Equal("$.optimization.precision", error.JsonPath);
        Assert.Contains("bf16", error.Message);
    }

    [Fact]
    public void The_fp16_loss_scale_halves_on_overflow_skipping_the_step_and_doubles_after_clean_steps()
    {
        // Built under the generator's lock: other tests in this process seed it for their models at the same time.
        using var master = Contracts.Randomness.SeededTorch.Exclusive(() => torch.nn.Linear(2, 2));
        using var mixed = new MixedPrecision(Contracts.Randomness.SeededTorch.Exclusive(() => torch.nn.Linear(2, 2)), master, torch.ScalarType.Float16);
        Assert.Equal(65536, mixed.LossScale);
        Assert.False(mixed.Update(double.PositiveInfinity));
        Assert.Equal(32768, mixed.LossScale);
        Assert.False(mixed.Update(double.NaN));
        Assert.Equal(16384, mixed.LossScale);
        for (var i = 0; i < MixedPrecision.GrowthInterval - 1; i++)
        {
            Assert.True(mixed.Update(1.0));
        }

        Assert.Equal(16384, mixed.LossScale);
        Assert.True(mixed.Update(1.0));
        Assert.Equal(32768, mixed.LossScale);

        using var bf16 = new MixedPrecision(Contracts.Randomness.SeededTorch.Exclusive(() => torch.nn.Linear(2, 2)), master, torch.ScalarType.BFloat16);
        Assert.Equal(1, bf16.LossScale);
        Assert.True(bf16.Update(double.PositiveInfinity)); // bf16 has float32's range: no scaling, no skipping (clipping or divergence handle it)
    }
}
