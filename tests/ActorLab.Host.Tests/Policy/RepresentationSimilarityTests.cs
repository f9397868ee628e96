using ActorLab.Host.Policy;
using Xunit;

namespace ActorLab.Host.Tests.Policy;

/// <summary>Linear CKA and the ridge probe of the unlearning evaluation against their definitions.</summary>
public sealed class RepresentationSimilarityTests
{
    private static float[] Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * columns).Select(_ => (float)random.NextDouble() - 0.5f)];
    }

    [Fact]
    public void Cka_is_1_for_the_same_representations_up_to_rotation_and_scale_and_small_for_unrelated_ones()
    {
        var x = Random(200, 4, 1);
        Assert.Equal(1.0, RepresentationSimilarity.LinearCka(x, x, 200), 9);
        // [a, b, c, d] -> 3 [b, -a, d, c]: an orthogonal map and an isotropic scale leave linear CKA at 1.
        var rotated = Enumerable.Range(0, 200).SelectMany(i => new[] { 3 * x[i * 4 + 1], -3 * x[i * 4], 3 * x[i * 4 + 3], 3 * x[i * 4 + 2] }).ToArray();
        Assert.Equal(1.0, RepresentationSimilarity.LinearCka(x, rotated, 200), 5);
        Assert.True(RepresentationSimilarity.LinearCka(x, Random(200, 4, 2), 200) < 0.1);
    }

    [Fact]
    public void The_probe_reads_a_linearly_encoded_label_and_not_a_random_one()
    {
        var x = Random(400, 6, 3);
        var encoded = Enumerable.Range(0, 400).Select(i => x[i * 6] > 0 ? 1 : 0).ToArray();
        Assert.True(RepresentationSimilarity.ProbeAccuracy(x, encoded, 2) > 0.9);
        var random = new Random(4);
        var noise = Enumerable.Range(0, 400).Select(_ => random.Next(2)).ToArray();
        Assert.InRange(RepresentationSimilarity.ProbeAccuracy(x, noise, 2), 0.35, 0.65);
    }
}
