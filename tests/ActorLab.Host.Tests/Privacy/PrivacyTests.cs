using ActorLab.Host.Federated;
using System.Globalization;
using ActorLab.Contracts.Federated;
using ActorLab.Host.Federated.Privacy;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Privacy;

public sealed class PrivacyTests() : TempDirectoryTest("privacy")
{
    [Theory]
    [InlineData(1.0, 1e-5)]
    [InlineData(2.5, 1e-6)]
    public void Without_sampling_the_accountant_is_the_gaussian_mechanisms_rdp(double sigma, double delta)
    {
        // The Gaussian mechanism has RDP alpha / (2 sigma^2) at every order (Mironov 2017, Table II).
        var expected = Enumerable.Range(2, 255).Min(alpha => 3 * alpha / (2 * sigma * sigma) + Math.Log(1 / delta) / (alpha - 1));
        Assert.Equal(expected, RdpAccountant.Epsilon(1.0, sigma, 3, delta), 10);
    }

    [Fact]
    public void Epsilon_grows_with_rounds_and_sampling_rate_and_shrinks_with_noise()
    {
        Assert.Equal(0, RdpAccountant.Epsilon(0.1, 1, 0, 1e-5));
        Assert.True(RdpAccountant.Epsilon(0.1, 1, 10, 1e-5) < RdpAccountant.Epsilon(0.1, 1, 100, 1e-5));
        Assert.True(RdpAccountant.Epsilon(0.01, 1, 100, 1e-5) < RdpAccountant.Epsilon(0.1, 1, 100, 1e-5));
        Assert.True(RdpAccountant.Epsilon(0.1, 2, 100, 1e-5) < RdpAccountant.Epsilon(0.1, 1, 100, 1e-5));
        Assert.Equal(double.PositiveInfinity, RdpAccountant.Epsilon(0.1, 0, 1, 1e-5));
        // Subsampling amplifies privacy: for small q the k = 2 term of the binomial sum dominates, so the per-round
        // RDP is about alpha q^2 (e^(1 / sigma^2) - 1) / 2, far below the unsampled alpha / (2 sigma^2).
        var rdp = RdpAccountant.Rdp(0.01, 4, 8);
        Assert.InRange(rdp / (8 * 0.01 * 0.01 * (Math.Exp(1 / 16.0) - 1) / 2), 0.95, 1.05);
        Assert.True(rdp < RdpAccountant.Rdp(1.0, 4, 8) / 100);
    }

    [Fact]
    public void Clipping_bounds_each_delta_and_counts_the_unclipped()
    {
        var privacy = new ClientLevelPrivacy(new PrivacySettings(1.0, ClipNorm: 1.0), 0, 10, 2);
        var (clipped, unclipped) = privacy.Clip([0f, 0f], [new ClientUpdate(0, [3f, 4f], 1, 0), new ClientUpdate(1, [0.3f, 0.4f], 1, 0)]);
        Assert.Equal(1, unclipped);
        Assert.Equal(0.6f, clipped[0].Parameters[0], 6);
        Assert.Equal(0.8f, clipped[0].Parameters[1], 6);
        Assert.Equal([0.3f, 0.4f], clipped[1].Parameters);
    }

    [Fact]
    public void Noise_has_standard_deviation_z_c_over_m()
    {
        var privacy = new ClientLevelPrivacy(new PrivacySettings(2.0, ClipNorm: 0.5), 0, 100, 10);
        var values = new float[200_000];
        privacy.AddNoise(values, 1, 10, 10);
        var std = Math.Sqrt(values.Average(v => (double)v * v));
        Assert.InRange(std, 0.1 * 0.98, 0.1 * 1.02); // 2 * 0.5 / 10
    }

    [Fact]
    public void Adaptive_clipping_moves_the_norm_towards_the_target_quantile()
    {
        var settings = new PrivacySettings(0.5, ClipNorm: 1.0, Clipping: "adaptive", TargetQuantile: 0.5, ClipLearningRate: 0.2);
        var allUnclipped = new ClientLevelPrivacy(settings, 0, 1000, 100);
        allUnclipped.AddNoise(new float[1], 1, 100, unclipped: 100);
        Assert.InRange(allUnclipped.ClipNorm, 0.88, 0.93); // exp(-0.2 * 0.5) = 0.905, plus count noise
        var allClipped = new ClientLevelPrivacy(settings, 0, 1000, 100);
        allClipped.AddNoise(new float[1], 1, 100, unclipped: 0);
        Assert.InRange(allClipped.ClipNorm, 1.08, 1.13);
    }

    [Fact]
    public async Task A_private_run_reports_epsilon_per_round_and_is_noised()
    {
        var json = """
            { "kind": "federated", "seed": 3, "dataset": "digits", "model": "logistic-regression",
              "rounds": 4, "clients": { "total": 20, "perRound": 10 },
              "training": { "learningRate": 0.2 },
              "privacy": { "noiseMultiplier": 0.3, "clipNorm": 2.0, "delta": 1e-5 } }
            """;
        var summary = await SmallRuns.RunAsync(Dir, json, workers: 2);
        Assert.Equal("completed", summary.Status);
        var lines = File.ReadAllLines(Path.Combine(summary.RunDirectory, "metrics.csv"));
        var column = Array.IndexOf(lines[0].Split(','), "epsilon");
        var epsilons = lines.Skip(1).Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToArray();
        for (var round = 1; round <= 4; round++)
        {
            Assert.Equal(RdpAccountant.Epsilon(0.5, 0.3, round, 1e-5), epsilons[round - 1], 10);
        }

        Assert.Equal(epsilons[^1], summary.Epsilon);

        // The same run with clipping but no noise reaches another model: the noise was applied.
        var noiseless = await SmallRuns.RunAsync(Dir, json.Replace("\"noiseMultiplier\": 0.3", "\"noiseMultiplier\": 0"), workers: 2);
        Assert.NotEqual(summary.FinalTestLoss, noiseless.FinalTestLoss);
        Assert.Equal(double.PositiveInfinity, noiseless.Epsilon);
    }

    [Fact]
    public void Adaptive_clipping_with_too_much_noise_for_the_cohort_is_a_scenario_error()
    {
        var path = Path.Combine(Dir, "dp.json");
        File.WriteAllText(path, """
            { "kind": "federated", "dataset": "digits", "model": "logistic-regression", "rounds": 2,
              "clients": { "total": 20, "perRound": 10 }, "privacy": { "noiseMultiplier": 1.0, "clipping": "adaptive" } }
            """);
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => FederatedScenarioBinder.Load(path)).Errors);
        Assert.Equal("$.privacy.noiseMultiplier", error.JsonPath);
        Assert.Contains("below clients.perRound / 10 (1)", error.Message);
    }
}
