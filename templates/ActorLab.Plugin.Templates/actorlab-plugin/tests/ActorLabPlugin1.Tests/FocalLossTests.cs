using TorchSharp;
using Xunit;

namespace ActorLabPlugin1.Tests;

public sealed class FocalLossTests
{
    [Fact]
    public void Matches_the_formula_computed_by_hand()
    {
        // Two samples, three classes; p_t = softmax(logits)[target], loss = mean(-(1 - p_t)^2 log p_t).
        double[][] logits = [[2.0, 0.5, -1.0], [0.1, 0.2, 0.3]];
        long[] targets = [0, 2];
        var expected = logits.Zip(targets, (row, t) =>
        {
            var pt = Math.Exp(row[t]) / row.Sum(Math.Exp);
            return -Math.Pow(1 - pt, 2) * Math.Log(pt);
        }).Average();

        var loss = new FocalLoss(new FocalLossOptions { Gamma = 2 })
            .Compute(torch.tensor(logits.SelectMany(r => r).Select(v => (float)v).ToArray(), [2, 3]), torch.tensor(targets));

        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void Gamma_zero_is_cross_entropy()
    {
        var logits = torch.tensor(new float[] { 1, -1, 0.5f, 0, 3, -2 }, [2, 3]);
        var targets = torch.tensor(new long[] { 2, 1 });
        var expected = torch.nn.functional.cross_entropy(logits, targets).item<float>();
        Assert.Equal(expected, new FocalLoss(new FocalLossOptions { Gamma = 0 }).Compute(logits, targets).item<float>(), 5);
    }
}
