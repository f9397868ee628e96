using ActorLab.Contracts.Losses;
using ActorLab.Plugins.Losses.Distillation;
using ActorLab.Plugins.Losses.Preference;
using ActorLab.Plugins.Losses.Reinforcement;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests;

public sealed class DistillationAndPolicyLossTests
{
    private static double Value(Tensor t) => t.to_type(ScalarType.Float64).item<double>();

    private static double[] Softmax(double[] x, double t = 1)
    {
        var e = x.Select(v => Math.Exp(v / t)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    private static readonly double[][] Student = [[1.0, 0.2, -0.5, 0.3], [0.1, 0.9, 0.4, -1.0]];
    private static readonly double[][] Teacher = [[2.0, 0.5, -1.0, 1.0], [-0.5, 1.5, 1.2, 0.0]];
    private static readonly long[] Labels = [0, 2];

    private static Tensor T(double[][] rows) => tensor(rows.SelectMany(r => r).Select(v => (float)v).ToArray(), [rows.Length, rows[0].Length]);

    [Fact]
    public void Kd_is_t_squared_kl_between_softened_distributions()
    {
        var expected = Enumerable.Range(0, 2).Average(i =>
        {
            var p = Softmax(Teacher[i], 3);
            var q = Softmax(Student[i], 3);
            return 9 * p.Zip(q).Sum(z => z.First * Math.Log(z.First / z.Second));
        });
        Assert.Equal(expected, Value(new TemperatureKd(new KdOptions { Temperature = 3 }).Compute(T(Student), T(Teacher), tensor(Labels))), 5);
    }

    [Fact]
    public void Pld_ranks_the_label_first_then_by_teacher_logit_and_weights_by_teacher_probability()
    {
        var expected = Enumerable.Range(0, 2).Average(i =>
        {
            var label = (int)Labels[i];
            var order = new[] { label }.Concat(Enumerable.Range(0, 4).Where(k => k != label).OrderByDescending(k => Teacher[i][k])).ToArray();
            var alpha = Softmax(Teacher[i]);
            double sum = 0;
            for (var k = 0; k < 4; k++)
            {
                var tail = Math.Log(order.Skip(k).Sum(j => Math.Exp(Student[i][j])));
                sum += alpha[order[k]] * (tail - Student[i][order[k]]);
            }

            return sum;
        });
        var pld = new PlackettLuceDistillation();
        Assert.Equal(expected, Value(pld.Compute(T(Student), T(Teacher), tensor(Labels))), 5);
        Assert.Equal(expected, Value(pld.Compute(T(Student) + 7f, T(Teacher), tensor(Labels))), 4); // shift invariant
    }

    [Fact]
    public void Dpo_is_minus_log_sigmoid_of_the_beta_scaled_reward_margin_and_rdpo_is_unbiased_under_flips()
    {
        var batch = new PreferenceBatch(tensor(new float[] { -3f, -5f }), tensor(new float[] { -4f, -4.5f }), tensor(new float[] { -3.5f, -5f }), tensor(new float[] { -3.8f, -4f }));
        double[] h = [0.5 * ((-3 + 3.5) - (-4 + 3.8)), 0.5 * ((-5 + 5) - (-4.5 + 4))];
        double Dpo(double x) => Math.Log(1 + Math.Exp(-x));
        Assert.Equal(h.Average(Dpo), Value(new DirectPreferenceOptimization(new DpoOptions { Beta = 0.5 }).Compute(batch)), 5);

        // Under labels flipped with probability eps, rDPO's expected loss is the clean DPO loss: for each pair,
        // (1 - eps) rDPO(h) + eps rDPO(-h) = -log sigma(h).
        var swapped = new PreferenceBatch(batch.PolicyRejected, batch.PolicyChosen, batch.ReferenceRejected, batch.ReferenceChosen);
        var robust = new DirectPreferenceOptimization(new DpoOptions { Beta = 0.5, FlipRate = 0.3 });
        Assert.Equal(h.Average(Dpo), 0.7 * Value(robust.Compute(batch)) + 0.3 * Value(robust.Compute(swapped)), 5);
    }

    [Fact]
    public void Npo_is_minus_two_over_beta_log_sigmoid_of_minus_beta_log_ratio()
    {
        var policy = tensor(new float[] { -2f, -1f });
        var reference = tensor(new float[] { -2.5f, -0.5f });
        var expected = new[] { 0.5, -0.5 }.Average(x => -(2 / 0.2) * -Math.Log(1 + Math.Exp(0.2 * x)));
        Assert.Equal(expected, Value(new NegativePreferenceOptimization(new NpoOptions { Beta = 0.2 }).Compute(policy, reference)), 5);
    }

    [Fact]
    public void Grpo_uses_group_normalised_advantages_and_ngrpo_still_learns_from_an_all_wrong_group()
    {
        // Two groups of three; policy = old, so ratios are 1 and the clip is inactive; beta = 0.
        var policy = tensor(new float[,] { { -1f, -2f, -3f }, { -1f, -1.5f, -2f } }).requires_grad_();
        var old = policy.detach().clone();
        var rewards = tensor(new float[,] { { 1f, 0f, 0f }, { 0f, 0f, 0f } });
        var grpo = new GroupRelativePolicyOptimization(new GrpoOptions { Beta = 0 });
        var loss = grpo.Compute(new GroupBatch(policy, old, old, rewards));
        Assert.Equal(0, Value(loss), 5); // advantages have mean 0 in every group
        loss.backward();
        var grad = policy.grad!.data<float>().ToArray();
        var a = 2 / Math.Sqrt(2); // group 1: mean 1/3, std sqrt(2)/3, so A = (2/3) / (sqrt(2)/3) for the correct output
        Assert.Equal(-a / 6, grad[0], 4); // d(-mean(rho A)) / d log pi = -A / 6
        Assert.Equal(0, grad[3], 6); // all-wrong group: no signal for GRPO

        policy.grad!.zero_();
        var ngrpo = new GroupRelativePolicyOptimization(new NgrpoOptions().ToGrpo() with { Beta = 0 });
        ngrpo.Compute(new GroupBatch(policy, old, old, rewards)).backward();
        Assert.True(policy.grad!.data<float>()[3] > 0, "NGRPO pushes down an all-wrong group's outputs"); // positive gradient of the loss: lower log pi

        // The clip: a ratio beyond 1 + eps_high with a positive advantage gets no gradient.
        var far = (old + tensor(new float[,] { { 0.5f, 0f, 0f }, { 0f, 0f, 0f } })).detach().requires_grad_();
        grpo.Compute(new GroupBatch(far, old, old, rewards)).backward();
        Assert.Equal(0, far.grad!.data<float>()[0], 6);
    }
}
