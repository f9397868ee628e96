using ActorLab.Plugins.Losses.Classification;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>Each loss against its paper's formula written out element by element, and the properties the papers claim.</summary>
public sealed class ClassificationLossTests
{
    private static readonly float[,] Logits = { { 2.0f, -1.0f, 0.5f }, { -0.3f, 0.8f, 0.1f }, { 1.5f, 1.4f, -2.0f }, { 0.0f, 0.0f, 3.0f } };
    private static readonly long[] Labels = [0, 2, 1, 2];

    private static Tensor O => tensor(Logits);

    private static Tensor Y => tensor(Labels);

    private static double[] Softmax(int row)
    {
        var e = Enumerable.Range(0, 3).Select(k => Math.Exp(Logits[row, k])).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    private static double Value(Tensor t) => t.to_type(ScalarType.Float64).item<double>();

    [Fact]
    public void Label_smoothing_is_cross_entropy_against_the_smoothed_target()
    {
        var expected = Enumerable.Range(0, 4).Average(i =>
        {
            var p = Softmax(i);
            return -Enumerable.Range(0, 3).Sum(k => ((k == Labels[i] ? 0.8 : 0) + 0.2 / 3) * Math.Log(p[k]));
        });
        Assert.Equal(expected, Value(new LabelSmoothingCrossEntropy(new LabelSmoothingOptions { Epsilon = 0.2 }).Compute(O, Y)), 5);
    }

    [Fact]
    public void Log_z_penalty_adds_the_squared_log_partition_to_cross_entropy()
    {
        var expected = Enumerable.Range(0, 4).Average(i =>
        {
            var logZ = Math.Log(Enumerable.Range(0, 3).Sum(k => Math.Exp(Logits[i, k])));
            return logZ - Logits[i, Labels[i]] + 0.5 * logZ * logZ;
        });
        Assert.Equal(expected, Value(new LogZPenaltyCrossEntropy(new LogZPenaltyOptions { Coefficient = 0.5 }).Compute(O, Y)), 5);
    }

    [Fact]
    public void Dice_sums_the_per_class_soft_dice_of_self_adjusted_probabilities()
    {
        double expected = 0;
        for (var c = 0; c < 3; c++)
        {
            double overlap = 0, predicted = 0, actual = 0;
            for (var i = 0; i < 4; i++)
            {
                var p = Softmax(i)[c];
                var adjusted = Math.Pow(1 - p, 0.7) * p;
                var y = Labels[i] == c ? 1 : 0;
                overlap += adjusted * y;
                predicted += adjusted;
                actual += y;
            }

            expected += 1 - (2 * overlap + 1e-4) / (predicted + actual + 1e-4);
        }

        Assert.Equal(expected, Value(new SelfAdjustingDiceLoss(new DiceOptions { Alpha = 0.7 }).Compute(O, Y)), 5);
    }

    [Fact]
    public void Anyloss_turns_soft_confusion_counts_into_one_minus_the_metric()
    {
        var logits = tensor(new float[,] { { 0.1f, 0.3f }, { 2f, -1f }, { -0.5f, 0.4f }, { 0.2f, 0.1f }, { -2f, 2f } });
        var labels = tensor(new long[] { 1, 0, 0, 1, 1 });
        var a = new double[5];
        var rows = new[] { (0.1, 0.3), (2.0, -1.0), (-0.5, 0.4), (0.2, 0.1), (-2.0, 2.0) };
        for (var i = 0; i < 5; i++)
        {
            var p = 1 / (1 + Math.Exp(rows[i].Item1 - rows[i].Item2));
            a[i] = 1 / (1 + Math.Exp(-73 * (p - 0.5)));
        }

        double[] y = [1, 0, 0, 1, 1];
        var tp = a.Zip(y).Sum(z => z.First * z.Second);
        var fn = y.Sum() - tp;
        var fp = a.Sum() - tp;
        var tn = 5 - y.Sum() - a.Sum() + tp;
        var expected = new Dictionary<string, double>
        {
            ["accuracy"] = 1 - (tp + tn) / 5,
            ["f-beta"] = 1 - 2 * tp / (y.Sum() + a.Sum()),
            ["g-mean"] = 1 - Math.Sqrt(tp / (tp + fn) * (tn / (tn + fp))),
            ["balanced-accuracy"] = 1 - (tp / (tp + fn) + tn / (tn + fp)) / 2,
        };
        foreach (var (metric, value) in expected)
        {
            Assert.Equal(value, Value(new AnyLoss(new AnyLossOptions { Metric = metric }).Compute(logits, labels)), 4);
        }

        Assert.Throws<ArgumentException>(() => new AnyLoss(new AnyLossOptions()).Compute(O, Y));
    }

    [Fact]
    public void Ldr_kl_is_lambda_times_the_log_mean_exp_of_margin_shifted_normalised_score_gaps()
    {
        var expected = Enumerable.Range(0, 4).Average(i =>
        {
            var soft = Enumerable.Range(0, 3).Select(k => Math.Log(1 + Math.Exp(Logits[i, k]))).ToArray();
            var s = soft.Select(v => v / soft.Average()).ToArray();
            var d = Enumerable.Range(0, 3).Select(k => (k == Labels[i] ? 0 : 0.3) + s[k] - s[Labels[i]]).ToArray();
            return 2.0 * Math.Log(d.Average(v => Math.Exp(v / 2.0)));
        });
        Assert.Equal(expected, Value(new LdrKlLoss(new LdrKlOptions { Lambda = 2, Margin = 0.3 }).Compute(O, Y)), 5);
    }

    [Fact]
    public void Comp_sum_tau_1_is_cross_entropy_tau_2_is_one_minus_p_y_and_tau_0_is_the_exponential_loss()
    {
        double Mean(Func<int, double> f) => Enumerable.Range(0, 4).Average(f);
        double U(int i) => Enumerable.Range(0, 3).Where(k => k != Labels[i]).Sum(k => Math.Exp(Logits[i, k] - Logits[i, Labels[i]]));
        Assert.Equal(Mean(i => -Math.Log(Softmax(i)[Labels[i]])), Value(new CompSumLoss(new CompSumOptions { Tau = 1 }).Compute(O, Y)), 5);
        Assert.Equal(Mean(i => 1 - Softmax(i)[Labels[i]]), Value(new CompSumLoss(new CompSumOptions { Tau = 2 }).Compute(O, Y)), 5);
        Assert.Equal(Mean(U), Value(new CompSumLoss(new CompSumOptions { Tau = 0 }).Compute(O, Y)), 4);
        Assert.Equal(Mean(i => (Math.Pow(1 + U(i), -0.5) - 1) / -0.5), Value(new CompSumLoss(new CompSumOptions { Tau = 1.5 }).Compute(O, Y)), 5);
    }

    [Fact]
    public void Stablemax_keeps_a_positive_loss_where_float32_softmax_cross_entropy_is_exactly_zero()
    {
        var confident = zeros(1, 10);
        confident[0, 0] = 30f;
        var label = tensor(new long[] { 0 });
        Assert.Equal(0f, nn.functional.cross_entropy(confident, label).item<float>());
        var stable = new StableMaxCrossEntropy().Compute(confident, label).item<float>();
        Assert.True(stable > 0, $"stablemax loss {stable}");
        Assert.Equal(-Math.Log(31.0 / (31 + 9)), stable, 5); // s(30) = 31, s(0) = 1 for the nine others

        // s matches its definition on both sides of 0, and gradients flow.
        var x = tensor(new float[] { -3f, -0.5f, 0f, 2f });
        Assert.Equal([0.25f, 1 / 1.5f, 1f, 3f], StableMaxCrossEntropy.S(x).data<float>().ToArray());
        var logits = O.clone().requires_grad_();
        new StableMaxCrossEntropy().Compute(logits, Y).backward();
        Assert.True(logits.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Every_loss_is_differentiable_and_finite_on_extreme_logits()
    {
        var extreme = tensor(new float[,] { { 80f, -80f, 0f }, { -50f, 50f, 50f } }).requires_grad_();
        var labels = tensor(new long[] { 1, 0 });
        foreach (var loss in new Contracts.Losses.ILoss[]
        {
            new LabelSmoothingCrossEntropy(new LabelSmoothingOptions()), new LogZPenaltyCrossEntropy(new LogZPenaltyOptions()),
            new SelfAdjustingDiceLoss(new DiceOptions()), new LdrKlLoss(new LdrKlOptions()), new CompSumLoss(new CompSumOptions { Tau = 1.5 }),
            new StableMaxCrossEntropy(),
        })
        {
            extreme.grad?.zero_();
            var value = loss.Compute(extreme, labels);
            value.backward();
            Assert.True(float.IsFinite(value.item<float>()), $"{loss.GetType().Name}: {value.item<float>()}");
            Assert.True(extreme.grad!.isfinite().all().item<bool>(), $"{loss.GetType().Name}: non-finite gradient");
        }
    }
}

public sealed class EnsLossTests
{
    [Fact]
    public void Ensloss_gradients_are_monotone_in_the_margin_bounded_and_damped_beyond_margin_1()
    {
        // Margins f = o_1 - o_0 with y = 1: -2, -0.5, 0.3, 1.5, 4 (already sorted).
        var logits = tensor(new float[,] { { 2f, 0f }, { 0.5f, 0f }, { 0f, 0.3f }, { 0f, 1.5f }, { 0f, 4f } });
        var margins = (logits.select(1, 1) - logits.select(1, 0)).detach().requires_grad_();
        var stacked = stack([zeros_like(margins), margins], 1); // logits whose margin is exactly `margins`
        var loss = new EnsLoss(new EnsLossOptions { Seed = 3 });
        loss.Compute(stacked, tensor(new long[] { 1, 1, 1, 1, 1 })).backward();
        var g = margins.grad!.data<float>().Select(v => v * 5).ToArray(); // d mean(g m) / d m_i = g_i / n
        Assert.All(g, v => Assert.InRange(v, -1 - 1e-5, -1e-6 + 1e-9));
        // Undo the 1/m damping of margins above 1, then the derivatives must be sorted: most negative at the smallest margin.
        double[] m = [-2, -0.5, 0.3, 1.5, 4];
        var raw = g.Select((v, i) => m[i] > 1 ? (v + 1e-6) * m[i] : v + 1e-6).ToArray();
        Assert.Equal(raw.Order(), raw);
        Assert.Throws<ArgumentException>(() => loss.Compute(zeros(2, 3), tensor(new long[] { 0, 1 })));
    }
}
