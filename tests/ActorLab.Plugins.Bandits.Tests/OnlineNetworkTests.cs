using ActorLab.Plugins.Bandits.Policies.Neural;
using Xunit;

namespace ActorLab.Plugins.Bandits.Tests;

public sealed class OnlineNetworkTests
{
    [Fact]
    public void Closed_form_gradient_pieces_equal_autograd_for_every_output()
    {
        using var network = new OnlineNetwork(3, 5, 2, new Random(3));
        float[] x = [0.7f, -1.2f, 0.4f];
        var (h, v) = network.GradientPieces(x);
        for (var a = 0; a < 2; a++)
        {
            foreach (var p in network.Parameters)
            {
                p.grad?.zero_();
            }

            network.Output(x)[a].backward();
            var w1 = network.Parameters[0].grad!.data<float>().ToArray();
            var b1 = network.Parameters[1].grad!.data<float>().ToArray();
            var w2 = network.Parameters[2].grad!.data<float>().ToArray();
            var b2 = network.Parameters[3].grad!.data<float>().ToArray();
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(v[a * 5 + i], b1[i] * b1[i], 5); // (W2[a] * 1[pre > 0])^2
                Assert.Equal(h[i], w2[a * 5 + i], 5);
                Assert.Equal(0, w2[(1 - a) * 5 + i]);
                for (var j = 0; j < 3; j++)
                {
                    Assert.Equal(v[a * 5 + i] * x[j] * x[j], w1[i * 3 + j] * w1[i * 3 + j], 5);
                }
            }

            Assert.Equal(1, b2[a]);
            Assert.Equal(0, b2[1 - a]);
        }
    }

    [Fact]
    public void A_gradient_step_lowers_the_loss_on_that_observation_and_initialisation_follows_the_seed()
    {
        float[] x = [0.5f, 0.1f];
        foreach (var logistic in new[] { false, true })
        {
            using var network = new OnlineNetwork(2, 8, 3, new Random(1));
            var before = network.Step(x, 1, 0.01, 1.0, logistic, 0.1);
            var after = network.Step(x, 1, 0.01, 1.0, logistic, 0.1);
            Assert.True(after < before, $"loss {before} then {after}");
        }

        using var a = new OnlineNetwork(2, 8, 3, new Random(5));
        using var b = new OnlineNetwork(2, 8, 3, new Random(5));
        Assert.Equal(a.Parameters[0].data<float>().ToArray(), b.Parameters[0].data<float>().ToArray());
    }
}
