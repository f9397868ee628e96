using ActorLab.Plugins.Losses.Classification;
using Xunit;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>ALDR-KL against its closed-form per-sample lambda update written out in doubles, and its state rules.</summary>
public sealed class AldrKlLossTests
{
    private static readonly double[][] First = [[2.0, -1.0, 0.5], [-0.3, 0.8, 0.1], [1.5, 1.4, -2.0], [0.0, 0.0, 3.0]];
    private static readonly double[][] Second = [[0.4, 0.9, -1.2], [3.0, -2.0, 0.2], [-0.7, 0.3, 1.1], [1.0, 2.5, 0.0]];
    private static readonly long[] Labels = [0, 2, 1, 2];

    private static Tensor T(double[][] rows) => tensor(rows.SelectMany(r => r).Select(v => (float)v).ToArray(), [rows.Length, rows[0].Length]);

    private static double Value(Tensor t) => t.to_type(ScalarType.Float64).item<double>();

    /// <summary>d_k = c 1[k != y] + s_k - s_y with s = softplus / mean softplus, in doubles.</summary>
    private static double[] Gaps(double[] logits, long label, double margin)
    {
        var soft = logits.Select(v => Math.Log(1 + Math.Exp(v))).ToArray();
        var s = soft.Select(v => v / soft.Average()).ToArray();
        return Enumerable.Range(0, logits.Length).Select(k => (k == label ? 0 : margin) + s[k] - s[label]).ToArray();
    }

    private static double Robust(double[] d, double lambda) => lambda * Math.Log(d.Average(v => Math.Exp(v / lambda)));

    /// <summary>One visit of a sample: (new lambda, loss term) from its stored lambda.</summary>
    private static (double Lambda, double Loss) Visit(double[] d, double stored, double lambda0, double alpha)
    {
        var logK = Math.Log(d.Length);
        var e = d.Select(v => Math.Exp(v / stored)).ToArray();
        var p = e.Select(v => v / e.Sum()).ToArray();
        var kl = p.Sum(q => q * Math.Log(d.Length * q));
        var lambda = lambda0 - lambda0 * kl / (alpha * logK);
        var penalty = alpha * logK / (2 * lambda0) * (lambda - lambda0) * (lambda - lambda0);
        return (lambda, Robust(d, lambda) - penalty);
    }

    [Fact]
    public void With_infinite_alpha_lambda_stays_at_lambda_0_and_the_loss_is_ldr_kl()
    {
        var ldr = new LdrKlLoss(new LdrKlOptions { Lambda = 2, Margin = 0.3 });
        var aldr = new AldrKlLoss(new AldrKlOptions { Lambda = 2, Margin = 0.3, Alpha = double.PositiveInfinity });
        var expected = Value(ldr.Compute(T(First), tensor(Labels)));
        Assert.Equal(expected, Value(aldr.Compute(T(First), tensor(Labels), tensor(new long[] { 0, 1, 2, 3 }))), 5);
        Assert.Equal(expected, Value(aldr.Compute(T(First), tensor(Labels), tensor(new long[] { 0, 1, 2, 3 }))), 5); // second visit too
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(2.0, aldr.LambdaOf(i)));
    }

    [Fact]
    public void Per_sample_lambda_follows_the_closed_form_update_each_time_the_sample_is_seen()
    {
        const double lambda0 = 1.5, alpha = 2, margin = 0.2;
        var loss = new AldrKlLoss(new AldrKlOptions { Lambda = lambda0, Alpha = alpha, Margin = margin });
        long[] firstIds = [5, 2, 7, 0];
        long[] secondIds = [2, 5, 9, 1]; // 2 and 5 seen again, 9 and 1 new

        var state = new Dictionary<long, double>();
        double Step(double[][] logits, long[] ids)
        {
            var before = ids.Select(i => state.GetValueOrDefault(i, lambda0)).ToArray(); // the whole batch reads the old state
            var terms = new double[ids.Length];
            for (var r = 0; r < ids.Length; r++)
            {
                (state[ids[r]], terms[r]) = Visit(Gaps(logits[r], Labels[r], margin), before[r], lambda0, alpha);
            }

            return terms.Average();
        }

        Assert.Equal(Step(First, firstIds), Value(loss.Compute(T(First), tensor(Labels), tensor(firstIds))), 5);
        Assert.Equal(8, loss.StateSize); // grown lazily to the largest index seen
        Assert.Equal(Step(Second, secondIds), Value(loss.Compute(T(Second), tensor(Labels), tensor(secondIds))), 5);
        Assert.Equal(10, loss.StateSize);
        foreach (var (index, lambda) in state)
        {
            Assert.Equal(lambda, loss.LambdaOf(index), 6);
        }

        Assert.Equal(lambda0, loss.LambdaOf(3)); // an index below the largest that was never seen keeps lambda_0
        Assert.NotEqual(lambda0, loss.LambdaOf(2), 3);
    }

    [Fact]
    public void Lambda_stays_between_lambda_0_times_one_minus_one_over_alpha_and_lambda_0()
    {
        const double lambda0 = 0.5, alpha = 1.25;
        var loss = new AldrKlLoss(new AldrKlOptions { Lambda = lambda0, Alpha = alpha });
        var generator = new Generator(7);
        for (var step = 0; step < 20; step++)
        {
            var logits = randn([16, 5], generator: generator) * 6; // sharp scores: KL close to log K
            loss.Compute(logits, randint(0, 5, [16], generator: generator), arange(16L));
        }

        Assert.All(Enumerable.Range(0, 16), i => Assert.InRange(loss.LambdaOf(i), lambda0 * (1 - 1 / alpha), lambda0));
    }

    [Fact]
    public void Evaluation_is_ldr_kl_at_lambda_0_and_changes_no_state()
    {
        var aldr = new AldrKlLoss(new AldrKlOptions { Lambda = 2, Margin = 0.3, Alpha = 2 });
        var ldr = Value(new LdrKlLoss(new LdrKlOptions { Lambda = 2, Margin = 0.3 }).Compute(T(First), tensor(Labels)));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ldr, Value(aldr.Compute(T(First), tensor(Labels))), 5);
        }

        Assert.Equal(0, aldr.StateSize);

        aldr.Compute(T(First), tensor(Labels), tensor(new long[] { 0, 1, 2, 3 }));
        var trained = Enumerable.Range(0, 4).Select(i => aldr.LambdaOf(i)).ToArray();
        Assert.Contains(trained, l => l < 2);
        Assert.Equal(ldr, Value(aldr.Compute(T(First), tensor(Labels))), 5); // still lambda_0, whatever the samples' lambdas
        Assert.Equal(trained, Enumerable.Range(0, 4).Select(i => aldr.LambdaOf(i)).ToArray());
    }

    [Fact]
    public void Gradient_treats_lambda_as_a_constant()
    {
        // d/dlogits of the ALDR-KL loss equals that of LDR-KL with each row's (new) lambda fixed.
        const double lambda0 = 1.5, alpha = 2;
        var ids = tensor(new long[] { 0, 1, 2, 3 });
        var aldr = new AldrKlLoss(new AldrKlOptions { Lambda = lambda0, Alpha = alpha });
        aldr.Compute(T(First), tensor(Labels), ids); // move lambdas off lambda_0
        var logits = T(Second).requires_grad_();
        aldr.Compute(logits, tensor(Labels), ids).backward();
        for (var r = 0; r < 4; r++)
        {
            var row = T(Second)[r].unsqueeze(0).requires_grad_();
            new LdrKlLoss(new LdrKlOptions { Lambda = aldr.LambdaOf(r), Margin = 0.1 }).Compute(row, tensor(new[] { Labels[r] })).backward();
            var expected = row.grad!.data<float>().ToArray();
            var actual = logits.grad![r].data<float>().ToArray();
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(expected[k] / 4, actual[k], 5); // the batch mean divides by 4
            }
        }
    }

    [Fact]
    public void Bad_options_and_indices_are_refused_with_the_option_named()
    {
        Assert.Contains("alpha", Assert.Throws<ArgumentException>(() => new AldrKlLoss(new AldrKlOptions { Alpha = 1 })).Message);
        Assert.Contains("lambda", Assert.Throws<ArgumentException>(() => new AldrKlLoss(new AldrKlOptions { Lambda = 0 })).Message);
        var loss = new AldrKlLoss(new AldrKlOptions());
        Assert.Throws<ArgumentException>(() => loss.Compute(T(First), tensor(Labels), tensor(new long[] { 0, -1, 2, 3 })));
        Assert.Throws<ArgumentException>(() => loss.Compute(T(First), tensor(Labels), tensor(new long[] { 0, 1 })));
    }
}
