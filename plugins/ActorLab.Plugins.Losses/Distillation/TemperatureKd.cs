using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Distillation;

/// <summary>Options of <see cref="TemperatureKd"/>.</summary>
public sealed record KdOptions
{
    /// <summary>T, the softening temperature.</summary>
    public double Temperature { get; init; } = 4;

    /// <summary>Weight of the hard-label cross-entropy; the distillation term gets 1 - this.</summary>
    public double LabelWeight { get; init; }
}

/// <summary>
/// Knowledge distillation (Hinton, Vinyals &amp; Dean, "Distilling the Knowledge in a Neural Network", 2015):
/// L = w CE(s, y) + (1 - w) T^2 KL(softmax(t / T) || softmax(s / T)), the T^2 keeping gradient scales comparable
/// across temperatures; batch mean.
/// </summary>
public sealed class TemperatureKd(KdOptions options) : IDistillationLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor studentLogits, torch.Tensor teacherLogits, torch.Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        var t = options.Temperature;
        var teacher = (teacherLogits.detach() / t).log_softmax(1);
        var student = (studentLogits / t).log_softmax(1);
        var kl = (teacher.exp() * (teacher - student)).sum(1).mean() * (t * t);
        var loss = options.LabelWeight > 0
            ? options.LabelWeight * torch.nn.functional.cross_entropy(studentLogits, targets) + (1 - options.LabelWeight) * kl
            : kl;
        return loss.MoveToOuterDisposeScope();
    }
}
