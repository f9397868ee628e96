using ActorLab.Contracts.Models;
using ActorLab.Contracts.Randomness;
using TorchSharp;
using Xunit;

namespace ActorLabPlugin1.Tests;

public sealed class TanhNetworkTests
{
    [Fact]
    public void Computes_w2_tanh_w1_x_plus_b()
    {
        var model = new TanhNetwork(new TanhNetworkOptions { Hidden = 4 }).Create(new ModelShape(InputFeatures: 3, Classes: 2));
        var p = model.parameters().ToArray(); // W1 [4, 3], b1 [4], W2 [2, 4], b2 [2]
        var x = torch.tensor(new float[] { 0.5f, -1f, 2f }, [1, 3]);

        var expected = torch.tanh(x.matmul(p[0].t()) + p[1]).matmul(p[2].t()) + p[3];

        Assert.True(torch.allclose(expected, model.forward(x), rtol: 1e-6, atol: 1e-6));
    }

    [Fact]
    public void The_same_seed_gives_the_same_initial_weights()
    {
        // The host builds models this way: seeded torch generator, under one process-wide lock.
        float[] Build() => SeededTorch.Run(42, "model", () => new TanhNetwork(new TanhNetworkOptions())
            .Create(new ModelShape(8, 3)).parameters().SelectMany(t => t.data<float>().ToArray()).ToArray());
        Assert.Equal(Build(), Build());
    }
}
