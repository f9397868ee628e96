using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Distillation;

/// <summary>Options of <see cref="DualHeadKd"/>.</summary>
public sealed record DualHeadKdOptions
{
    /// <summary>T, the temperature of the sigmoids (the paper's 2).</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double Temperature { get; init; } = 2;

    /// <summary>w, the weight of head 2's distillation term against head 1's cross-entropy.</summary>
    public double DistillationWeight { get; init; } = 1;
}

/// <summary>
/// Dual-head knowledge distillation (DHKD; Yang et al., "Dual-Head Knowledge Distillation: Enhancing Logits
/// Utilization with an Auxiliary Head", 2024). The student has a shared backbone and two linear heads (the
/// <c>dual-head-mlp</c> model, whose training output is [head 1 | head 2]): head 1 learns from the labels, head 2
/// from the teacher, because the two losses' gradients conflict on one linear head but not on the backbone.
/// L = CE(h1, y) + w T^2 mean_i sum_k BKL(sigma(t_ik / T) || sigma(h2_ik / T)), with the binary KL
/// BKL(p || q) = p log(p / q) + (1 - p) log((1 - p) / (1 - q)) per class (T^2 keeps the gradient scale comparable
/// across temperatures, as in KD). Inference uses head 1.
/// </summary>
public sealed class DualHeadKd(DualHeadKdOptions options) : IDistillationLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor studentLogits, torch.Tensor teacherLogits, torch.Tensor targets)
    {
        var classes = teacherLogits.shape[1];
        if (studentLogits.shape[1] != 2 * classes)
        {
            throw new ArgumentException($"dhkd: the student must output two heads ({2 * classes} columns for {classes} classes), got {studentLogits.shape[1]}; use the 'dual-head-mlp' model for the student");
        }

        if (options.Temperature <= 0)
        {
            throw new ArgumentException($"dhkd: option 'temperature' must be positive, got {options.Temperature}");
        }

        using var scope = torch.NewDisposeScope();
        var t = options.Temperature;
        var head1 = studentLogits.narrow(1, 0, classes);
        var head2 = studentLogits.narrow(1, classes, classes) / t;
        var teacher = teacherLogits.detach() / t;

        // log sigma(x) and log(1 - sigma(x)) = log sigma(-x), stably.
        var p = torch.sigmoid(teacher);
        var logP = torch.nn.functional.logsigmoid(teacher);
        var logNotP = torch.nn.functional.logsigmoid(-teacher);
        var logQ = torch.nn.functional.logsigmoid(head2);
        var logNotQ = torch.nn.functional.logsigmoid(-head2);
        var binaryKl = (p * (logP - logQ) + (1 - p) * (logNotP - logNotQ)).sum(1).mean();
        var loss = torch.nn.functional.cross_entropy(head1, targets) + options.DistillationWeight * t * t * binaryKl;
        return loss.MoveToOuterDisposeScope();
    }
}
