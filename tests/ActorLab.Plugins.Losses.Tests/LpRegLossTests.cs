using ActorLab.Contracts.Losses;
using ActorLab.Plugins.Losses.Reinforcement;
using Xunit;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>Lp-Reg against its formula written out in doubles: the clipped token objective plus KL(proxy || policy) on the selected tokens only.</summary>
public sealed class LpRegLossTests
{
    // Eight sampled tokens over a vocabulary of four. Sampled-token probabilities, lowest first: row 3 (0.017, below
    // 0.1 x max so outside the proxy), row 0 (0.158, negative advantage, in the proxy, whose support drops entry 3),
    // row 5 (0.215, positive advantage). With rho = 3/8 these three are the lowest ceil(rho N) = 3, and only row 0
    // meets every condition.
    private static readonly double[][] Logits =
    [
        [1.2, 0.0, -0.2, -3.0], [3.0, 0.0, 0.0, -1.0], [2.0, 1.5, 0.0, 0.0], [4.0, 0.0, 0.0, 0.0],
        [1.0, 1.0, 0.0, -2.0], [0.5, 0.0, 0.0, 0.0], [1.0, 0.5, 0.2, 0.0], [0.0, 2.0, 0.0, 0.0],
    ];

    private static readonly long[] Tokens = [2, 0, 1, 1, 0, 3, 0, 1];
    private static readonly double[] Advantages = [-1, -1, 1, -1, -0.5, 2, -1, 0.5];
    private static readonly double[] OldOffset = [0.3, -0.5, 0.1, 0, -0.05, 0.4, 0, -0.3]; // log pi_old = log pi + offset
    private static readonly double[] RefOffset = [0.2, 0.1, -0.3, 0.5, 0, -0.1, 0.05, 0.2]; // log pi_ref = log pi + offset
    private const double MinP = 0.1, Rho = 0.375;

    private static int N => Tokens.Length;

    private static double[] Softmax(double[] x)
    {
        var e = x.Select(Math.Exp).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    private static double[] Proxy(double[] p)
    {
        var kept = p.Select(v => v >= MinP * p.Max() ? v : 0).ToArray();
        return kept.Select(v => v / kept.Sum()).ToArray();
    }

    private static double SampledLogProb(int t) => Math.Log(Softmax(Logits[t])[Tokens[t]]);

    private static TokenBatch Batch(Tensor logits) => new(
        logits,
        tensor(Tokens),
        tensor(Enumerable.Range(0, N).Select(t => (float)(SampledLogProb(t) + OldOffset[t])).ToArray()),
        tensor(Enumerable.Range(0, N).Select(t => (float)(SampledLogProb(t) + RefOffset[t])).ToArray()),
        tensor(Advantages.Select(a => (float)a).ToArray()));

    private static Tensor LogitTensor() => tensor(Logits.SelectMany(r => r).Select(v => (float)v).ToArray(), [N, 4]).requires_grad_();

    private static double Value(Tensor t) => t.to_type(ScalarType.Float64).item<double>();

    /// <summary>-min(r A, clip(r, 0.8, 1.2) A) with r = pi / pi_old = exp(-offset).</summary>
    private static double Clipped(int t)
    {
        var r = Math.Exp(-OldOffset[t]);
        return -Math.Min(r * Advantages[t], Math.Clamp(r, 0.8, 1.2) * Advantages[t]);
    }

    /// <summary>KL(proxy || pi) over the proxy's support.</summary>
    private static double Kl(int t)
    {
        var p = Softmax(Logits[t]);
        var q = Proxy(p);
        return Enumerable.Range(0, 4).Where(v => q[v] > 0).Sum(v => q[v] * Math.Log(q[v] / p[v]));
    }

    [Fact]
    public void The_test_data_puts_the_intended_tokens_lowest()
    {
        var order = Enumerable.Range(0, N).OrderBy(t => Softmax(Logits[t])[Tokens[t]]).ToArray();
        Assert.Equal([3, 0, 5], order[..3]);
        Assert.Equal(0, Proxy(Softmax(Logits[3]))[Tokens[3]]); // row 3's token is noise to the proxy
        Assert.True(Proxy(Softmax(Logits[0]))[Tokens[0]] > 0);
    }

    [Fact]
    public void Loss_is_the_clipped_objective_plus_reference_k3_plus_beta_kl_on_the_one_selected_token()
    {
        const double beta = 0.7, referenceBeta = 0.05;
        var expected = Enumerable.Range(0, N).Average(t =>
        {
            var gap = RefOffset[t]; // log pi_ref - log pi
            return Clipped(t) + referenceBeta * (Math.Exp(gap) - gap - 1) + (t == 0 ? beta * Kl(t) : 0);
        });
        var loss = new LowProbabilityRegularization(new LpRegOptions { Beta = beta, ReferenceBeta = referenceBeta, Rho = Rho, MinP = MinP });
        Assert.Equal(expected, Value(loss.Compute(Batch(LogitTensor()))), 5);
        Assert.True(Kl(0) > 1e-3, "the selected token's KL is not trivially 0");
    }

    [Fact]
    public void With_beta_zero_it_is_the_clipped_token_level_policy_gradient_objective()
    {
        var expected = Enumerable.Range(0, N).Average(Clipped);
        var loss = new LowProbabilityRegularization(new LpRegOptions { Beta = 0, Rho = Rho, MinP = MinP });
        Assert.Equal(expected, Value(loss.Compute(Batch(LogitTensor()))), 5);
        Assert.Contains(Enumerable.Range(0, N), t => Math.Abs(Math.Exp(-OldOffset[t]) - 1) > 0.2); // some ratios are clipped
    }

    [Fact]
    public void Only_the_selected_token_gets_a_regulariser_gradient_and_it_is_beta_over_n_times_pi_minus_proxy()
    {
        const double beta = 0.7;
        var regularised = LogitTensor();
        new LowProbabilityRegularization(new LpRegOptions { Beta = beta, Rho = Rho, MinP = MinP }).Compute(Batch(regularised)).backward();
        var plain = LogitTensor();
        new LowProbabilityRegularization(new LpRegOptions { Beta = 0, Rho = Rho, MinP = MinP }).Compute(Batch(plain)).backward();
        var with = regularised.grad!.data<float>().ToArray();
        var without = plain.grad!.data<float>().ToArray();
        for (var t = 0; t < N; t++)
        {
            var p = Softmax(Logits[t]);
            var q = Proxy(p);
            for (var v = 0; v < 4; v++)
            {
                var expected = t == 0 ? beta / N * (p[v] - q[v]) : 0;
                Assert.Equal(expected, with[t * 4 + v] - without[t * 4 + v], 6);
            }
        }
    }

    [Fact]
    public void With_the_default_one_percent_only_the_lowest_token_is_a_candidate_and_noise_is_not_regularised()
    {
        // rho = 1% of 8 tokens: ceil(0.08) = 1, the single lowest token (row 3), which the proxy filters out.
        var plain = new LowProbabilityRegularization(new LpRegOptions { Beta = 0 });
        var regularised = new LowProbabilityRegularization(new LpRegOptions { Beta = 5 });
        Assert.Equal(Value(plain.Compute(Batch(LogitTensor()))), Value(regularised.Compute(Batch(LogitTensor()))), 6);
    }

    [Fact]
    public void Bad_options_are_refused_with_the_option_named()
    {
        Assert.Contains("rho", Assert.Throws<ArgumentException>(() => new LowProbabilityRegularization(new LpRegOptions { Rho = 0 })).Message);
        Assert.Contains("minP", Assert.Throws<ArgumentException>(() => new LowProbabilityRegularization(new LpRegOptions { MinP = 1.5 })).Message);
        Assert.Contains("beta", Assert.Throws<ArgumentException>(() => new LowProbabilityRegularization(new LpRegOptions { Beta = -1 })).Message);
        Assert.Contains("clipLow", Assert.Throws<ArgumentException>(() => new LowProbabilityRegularization(new LpRegOptions { ClipLow = 1 })).Message);
    }
}
