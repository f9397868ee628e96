using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Training;

/// <summary>Issue 6's loss reproductions through the training kind, at reduced size (full size in scenarios/repro/).</summary>
public sealed class LossReproductionTests() : TempDirectoryTest("loss-repro")
{
    private static string Scenario(string loss, int seed) => $$"""
        { "kind": "training", "seed": {{seed}},
          "dataset": { "name": "gaussian-mixture", "options": { "classes": 10, "features": 20, "trainSamples": 3000, "testSamples": 5000, "separation": 0.6, "labelNoise": 0.6 } },
          "model": { "name": "mlp", "options": { "hidden": [64] } }, "loss": "{{loss}}",
          "optimization": { "epochs": 20, "batchSize": 64, "learningRate": 0.5 } }
        """;

    private async Task<double> FinalAccuracy(string loss, int seed) =>
        (await TrainingRuns.RunAsync(Dir, $"{loss}-{seed}", Scenario(loss, seed))).FinalAccuracy!.Value;

    [Fact]
    public async Task Ldr_kl_ends_above_cross_entropy_under_60_percent_uniform_label_noise()
    {
        foreach (var seed in new[] { 1, 2 })
        {
            var ce = await FinalAccuracy("cross-entropy", seed);
            var ldr = await FinalAccuracy("ldr-kl", seed);
            Assert.True(ldr > ce, $"seed {seed}: LDR-KL {ldr:F4}, cross-entropy {ce:F4}");
        }
    }
}
