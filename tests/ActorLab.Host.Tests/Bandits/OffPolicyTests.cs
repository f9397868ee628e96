using ActorLab.Host.Bandits.OffPolicy;
using Xunit;

namespace ActorLab.Host.Tests.Bandits;

/// <summary>Off-policy estimates from logs of a known logger (issue 4's coverage claim) and their definitions.</summary>
public sealed class OffPolicyTests
{
    private static readonly double[] Means = [0.7, 0.5, 0.3, 0.2];

    /// <summary>The target: epsilon-greedy on arm 0 with epsilon 0.2. Its true value is 0.8 x 0.7 + 0.2 x mean(Means).</summary>
    private static double Target(float[] context, int arm) => (arm == 0 ? 0.8 : 0) + 0.2 / Means.Length;

    private static readonly double TrueValue = 0.8 * Means[0] + 0.2 * Means.Average();

    private static List<LoggedStep> UniformLog(int seed, int steps)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, steps).Select(_ =>
        {
            var arm = random.Next(Means.Length);
            return new LoggedStep([], arm, random.NextDouble() < Means[arm] ? 1 : 0, 1.0 / Means.Length);
        }).ToList();
    }

    [Fact]
    public void Ips_and_dr_intervals_cover_the_true_value_in_at_least_90_percent_of_50_seeds()
    {
        int ipsCovers = 0, drCovers = 0, snipsCovers = 0;
        for (var seed = 0; seed < 50; seed++)
        {
            var log = UniformLog(seed, 2000);
            ipsCovers += OffPolicyEstimators.Ips(log, Target).Contains(TrueValue) ? 1 : 0;
            snipsCovers += OffPolicyEstimators.SelfNormalisedIps(log, Target).Contains(TrueValue) ? 1 : 0;
            drCovers += OffPolicyEstimators.DoublyRobust(log, Target, Means.Length, OffPolicyEstimators.ArmMeans(log, Means.Length)).Contains(TrueValue) ? 1 : 0;
        }

        Assert.True(ipsCovers >= 45, $"IPS covered the true value in {ipsCovers}/50 seeds");
        Assert.True(drCovers >= 45, $"DR covered the true value in {drCovers}/50 seeds");
        Assert.True(snipsCovers >= 45, $"SNIPS covered the true value in {snipsCovers}/50 seeds");
    }

    [Fact]
    public void Estimators_match_their_definitions_on_a_tiny_log()
    {
        // Two steps, two arms, target always arm 0. Logged: (arm 0, reward 1, p 0.5), (arm 1, reward 0, p 0.5).
        List<LoggedStep> log = [new([], 0, 1, 0.5), new([], 1, 0, 0.5)];
        double Always0(float[] x, int a) => a == 0 ? 1 : 0;
        Assert.Equal(1.0, OffPolicyEstimators.Ips(log, Always0).Value, 12); // (2 x 1 + 0) / 2
        Assert.Equal(1.0, OffPolicyEstimators.SelfNormalisedIps(log, Always0).Value, 12); // 2 / 2
        double Model(float[] x, int a) => a == 0 ? 0.6 : 0.1;
        Assert.Equal(0.6, OffPolicyEstimators.DirectMethod(log, Always0, 2, Model).Value, 12);
        Assert.Equal(((0.6 + 2 * (1 - 0.6)) + 0.6) / 2, OffPolicyEstimators.DoublyRobust(log, Always0, 2, Model).Value, 12);
        Assert.Throws<ArgumentException>(() => OffPolicyEstimators.Ips([new([], 0, 1, 0)], Always0));
    }
}

public sealed class VowpalWabbitLogTests
{
    [Fact]
    public void Our_logs_round_trip_through_the_vw_text_format()
    {
        List<LoggedStep> log = [new([0.5f, 0f, -1.25f], 2, 1, 0.25), new([0f, 2f, 0f], 0, 0, 0.8)];
        var text = VowpalWabbitLog.Write(log);
        Assert.Equal("3:-1:0.25 | f0:0.5 f2:-1.25\n1:0:0.8 | f1:2\n", text);
        var (steps, names) = VowpalWabbitLog.Read(text);
        Assert.Equal(["f0", "f1", "f2"], names); // our f{j} features return to column j, though f1 is first seen last
        Assert.Equal(2, steps[0].Action);
        Assert.Equal(1, steps[0].Reward);
        Assert.Equal(0.25, steps[0].Propensity);
        Assert.Equal(log[0].Context, steps[0].Context);
        Assert.Equal(log[1].Context, steps[1].Context);
    }

    [Fact]
    public void A_vw_log_from_elsewhere_reads_with_named_and_unit_features_and_unlabelled_lines_are_skipped()
    {
        const string text = "1:2:0.4 | a c\n| a b c\n3:0.5:0.2 | b:2 d\n";
        var (steps, names) = VowpalWabbitLog.Read(text);
        Assert.Equal(["a", "c", "b", "d"], names);
        Assert.Equal(2, steps.Count);
        Assert.Equal(0, steps[0].Action);
        Assert.Equal(-2, steps[0].Reward);
        Assert.Equal([1f, 1f, 0f, 0f], steps[0].Context);
        Assert.Equal([0f, 0f, 2f, 1f], steps[1].Context);
    }

    [Fact]
    public void Malformed_lines_name_the_line_and_the_expectation()
    {
        Assert.Contains("line 2: label '0:1:0.5'", Assert.Throws<FormatException>(() => VowpalWabbitLog.Read("1:0:1 | a\n0:1:0.5 | b\n")).Message);
        Assert.Contains("line 1: expected 'action:cost:probability | features'", Assert.Throws<FormatException>(() => VowpalWabbitLog.Read("1:0:1 a")).Message);
    }
}
