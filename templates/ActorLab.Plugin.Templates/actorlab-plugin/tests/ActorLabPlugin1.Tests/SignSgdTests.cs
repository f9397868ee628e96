using TorchSharp;
using TorchSharp.Modules;
using Xunit;

namespace ActorLabPlugin1.Tests;

public sealed class SignSgdTests
{
    [Fact]
    public void Steps_by_the_sign_of_the_gradient()
    {
        // loss = sum(c * w^2), gradient 2 c w: w = [1, -2, 0.5], c = [3, 0.1, -1] gives signs [+, -, -];
        // with lr 0.1 and weight decay 0.5: w - 0.1 (sign + 0.5 w) = [0.85, -1.8, 0.575].
        var w = new Parameter(torch.tensor(new float[] { 1f, -2f, 0.5f }));
        var c = torch.tensor(new float[] { 3f, 0.1f, -1f });
        using var optimizer = new SignSgd(new SignSgdOptions { WeightDecay = 0.5 }).Create([w], learningRate: 0.1);

        optimizer.zero_grad();
        (c * w * w).sum().backward();
        optimizer.step();

        var expected = new[] { 0.85f, -1.8f, 0.575f };
        var actual = w.data<float>().ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }
}
