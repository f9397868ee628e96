using ActorLab.Contracts.Losses;
using ActorLab.Plugins.Losses.Preference;
using Xunit;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>BCO against its formula in doubles: the loss, the running-mean reward shift, and no gradient through the shift.</summary>
public sealed class BcoLossTests
{
    private const double Beta = 0.5, Decay = 0.8;

    // Three batches of two pairs: policy chosen, policy rejected, reference chosen, reference rejected.
    private static readonly double[][][] Batches =
    [
        [[-3.0, -5.0], [-4.0, -4.5], [-3.5, -5.0], [-3.8, -4.0]],
        [[-2.0, -6.0], [-5.0, -3.0], [-2.5, -6.5], [-4.0, -3.5]],
        [[-1.0, -2.0], [-1.5, -2.5], [-2.0, -2.0], [-1.0, -3.0]],
    ];

    private static double Value(Tensor t) => t.to_type(ScalarType.Float64).item<double>();

    private static Tensor F(double[] v) => tensor(v.Select(x => (float)x).ToArray());

    private static PreferenceBatch Batch(double[][] b) => new(F(b[0]).requires_grad_(), F(b[1]).requires_grad_(), F(b[2]), F(b[3]));

    private static double LogSigmoid(double x) => -Math.Log(1 + Math.Exp(-x));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static (double[] Chosen, double[] Rejected) Rewards(double[][] b) =>
        (b[0].Zip(b[2], (p, r) => Beta * (p - r)).ToArray(), b[1].Zip(b[3], (p, r) => Beta * (p - r)).ToArray());

    [Fact]
    public void Loss_is_the_binary_cross_entropy_of_shifted_rewards_and_delta_is_the_running_mean_of_past_rewards()
    {
        var bco = new BinaryClassifierOptimization(new BcoOptions { Beta = Beta, Decay = Decay });
        var delta = 0.0;
        foreach (var b in Batches)
        {
            var (w, l) = Rewards(b);
            var expected = w.Zip(l, (rw, rl) => -LogSigmoid(rw - delta) - LogSigmoid(-(rl - delta))).Average();
            Assert.Equal(expected, Value(bco.Compute(Batch(b))), 5); // uses the delta of the batches before

            delta = Decay * delta + (1 - Decay) * w.Concat(l).Average();
            Assert.Equal(delta, bco.Delta, 6);
        }

        Assert.Equal(3, bco.Updates);
        Assert.NotEqual(0, bco.Delta, 3);
    }

    [Fact]
    public void Gradient_does_not_flow_through_delta()
    {
        var bco = new BinaryClassifierOptimization(new BcoOptions { Beta = Beta, Decay = Decay });
        bco.Compute(Batch(Batches[0]));
        bco.Compute(Batch(Batches[1]));
        var delta = bco.Delta;
        var batch = Batch(Batches[2]);
        bco.Compute(batch).backward();
        var (w, l) = Rewards(Batches[2]);

        // With delta a constant: dL/dlog pi(y_w) = -beta (1 - sigma(r_w - delta)) / n, dL/dlog pi(y_l) = beta sigma(r_l - delta) / n.
        var chosen = batch.PolicyChosen.grad!.data<float>().ToArray();
        var rejected = batch.PolicyRejected.grad!.data<float>().ToArray();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(-Beta * (1 - Sigmoid(w[i] - delta)) / 2, chosen[i], 5);
            Assert.Equal(Beta * Sigmoid(l[i] - delta) / 2, rejected[i], 5);
        }
    }

    [Fact]
    public void Decay_zero_shifts_by_the_previous_batch_mean_only()
    {
        var bco = new BinaryClassifierOptimization(new BcoOptions { Beta = Beta, Decay = 0 });
        bco.Compute(Batch(Batches[0]));
        bco.Compute(Batch(Batches[1]));
        var (w, l) = Rewards(Batches[1]);
        Assert.Equal(w.Concat(l).Average(), bco.Delta, 6);
    }

    [Fact]
    public void Bad_options_are_refused_with_the_option_named()
    {
        Assert.Contains("decay", Assert.Throws<ArgumentException>(() => new BinaryClassifierOptimization(new BcoOptions { Decay = 1 })).Message);
        Assert.Contains("beta", Assert.Throws<ArgumentException>(() => new BinaryClassifierOptimization(new BcoOptions { Beta = 0 })).Message);
    }
}
