using ActorLab.Contracts.Models;
using ActorLab.Plugins.Losses.Distillation;
using Xunit;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>DHKD against its formula, and the dual-head model's two faces (both heads in training, head 1 in evaluation).</summary>
public sealed class DualHeadKdTests
{
    private static readonly double[][] Student = [[1.0, 0.2, -0.5, 0.3, -1.0, 2.0], [0.1, 0.9, 0.4, 0.5, 0.0, -0.7]]; // [head 1 | head 2], 3 classes
    private static readonly double[][] Teacher = [[2.0, 0.5, -1.0], [-0.5, 1.5, 1.2]];
    private static readonly long[] Labels = [0, 2];

    private static Tensor T(double[][] rows) => tensor(rows.SelectMany(r => r).Select(v => (float)v).ToArray(), [rows.Length, rows[0].Length]);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Dhkd_is_cross_entropy_on_head_1_plus_t_squared_binary_kl_on_head_2()
    {
        const double t = 2, w = 0.7;
        var expected = Enumerable.Range(0, 2).Average(i =>
        {
            var head1 = Student[i][..3];
            var ce = Math.Log(head1.Sum(Math.Exp)) - head1[Labels[i]];
            double kl = 0;
            for (var k = 0; k < 3; k++)
            {
                var p = Sigmoid(Teacher[i][k] / t);
                var q = Sigmoid(Student[i][3 + k] / t);
                kl += p * Math.Log(p / q) + (1 - p) * Math.Log((1 - p) / (1 - q));
            }

            return ce + w * t * t * kl;
        });
        var loss = new DualHeadKd(new DualHeadKdOptions { Temperature = t, DistillationWeight = w }).Compute(T(Student), T(Teacher), tensor(Labels));
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void The_teacher_reaches_only_head_2_and_the_labels_only_head_1()
    {
        var student = T(Student).requires_grad_(true);
        new DualHeadKd(new DualHeadKdOptions { DistillationWeight = 0 }).Compute(student, T(Teacher), tensor(Labels)).backward();
        Assert.Equal(0, student.grad![.., 3..].abs().sum().item<float>());
        Assert.True(student.grad![.., ..3].abs().sum().item<float>() > 0);
    }

    [Fact]
    public void A_one_head_student_is_refused_with_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => new DualHeadKd(new DualHeadKdOptions()).Compute(T(Teacher), T(Teacher), tensor(Labels)));
        Assert.Contains("dual-head-mlp", error.Message);
    }

    [Fact]
    public void The_dual_head_model_outputs_both_heads_in_training_and_head_1_in_evaluation()
    {
        using var model = new DualHeadMlpModel(new DualHeadMlpOptions { Hidden = [5] }).Create(new ModelShape(4, 3));
        var x = randn(7, 4);
        model.train();
        var both = model.call(x);
        Assert.Equal([7L, 6L], both.shape);
        model.eval();
        var first = model.call(x);
        Assert.Equal([7L, 3L], first.shape);
        Assert.True(first.allclose(both[.., ..3]));
        Assert.Equal(4 * 5 + 5 + 2 * (5 * 3 + 3), model.parameters().Sum(p => p.numel()));
    }
}
