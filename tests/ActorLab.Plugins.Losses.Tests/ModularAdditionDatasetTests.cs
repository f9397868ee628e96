using ActorLab.Contracts.Data;
using ActorLab.Plugins.Losses.Datasets;
using Xunit;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>The modular-addition grokking task: every pair once, one-hot operands, (a + b) mod p labels, a seeded split.</summary>
public sealed class ModularAdditionDatasetTests
{
    private static Dataset Load(int p, double fraction, int seed) =>
        new ModularAdditionDataset(new ModularAdditionOptions { Modulus = p, TrainFraction = fraction }).Load(new DatasetRequest(seed, 0.2));

    private static IEnumerable<(int A, int B, int Label)> Rows(float[] x, int[] y, int p) =>
        y.Select((label, r) =>
        {
            var row = x.AsSpan(r * 2 * p, 2 * p).ToArray();
            Assert.Equal(2, row.Count(v => v == 1f));
            Assert.Equal(2 * p - 2, row.Count(v => v == 0f));
            return (Array.IndexOf(row, 1f, 0, p), Array.IndexOf(row, 1f, p, p) - p, label);
        });

    [Fact]
    public void Every_pair_appears_once_with_one_hot_operands_and_its_sum_mod_p()
    {
        const int p = 7;
        var data = Load(p, 0.4, 1);
        Assert.Equal((2 * p, p), (data.Features, data.Classes));
        Assert.Equal(20, data.TrainCount); // round(0.4 x 49)
        Assert.Equal(29, data.TestCount);
        var rows = Rows(data.TrainFeatures, data.TrainLabels, p).Concat(Rows(data.TestFeatures, data.TestLabels, p)).ToList();
        Assert.All(rows, r => Assert.Equal((r.A + r.B) % p, r.Label));
        Assert.Equal(p * p, rows.Select(r => (r.A, r.B)).Distinct().Count());
    }

    [Fact]
    public void The_split_is_a_function_of_the_seed()
    {
        Assert.Equal(Load(11, 0.4, 3).TrainFeatures, Load(11, 0.4, 3).TrainFeatures);
        Assert.NotEqual(Load(11, 0.4, 3).TrainFeatures, Load(11, 0.4, 4).TrainFeatures);
        Assert.Equal((226, 113, 5108), (Load(113, 0.4, 0).Features, Load(113, 0.4, 0).Classes, Load(113, 0.4, 0).TrainCount));
    }

    [Fact]
    public void Bad_options_name_the_option_and_the_fix()
    {
        Assert.Contains("modular-addition: option 'modulus'", Assert.Throws<ArgumentException>(() => Load(1, 0.4, 0)).Message);
        Assert.Contains("option 'trainFraction'", Assert.Throws<ArgumentException>(() => Load(5, 1.0, 0)).Message);
    }
}
