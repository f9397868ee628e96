using TorchSharp;

namespace ActorLab.Contracts.Losses;

/// <summary>A knowledge-distillation loss: the student's logits against the teacher's (and the labels), batch mean.</summary>
public interface IDistillationLoss
{
    /// <summary>The loss; <paramref name="teacherLogits"/> carry no gradient.</summary>
    /// <param name="studentLogits">[batch, classes], requires grad.</param>
    /// <param name="teacherLogits">[batch, classes].</param>
    /// <param name="targets">[batch] int64 labels.</param>
    torch.Tensor Compute(torch.Tensor studentLogits, torch.Tensor teacherLogits, torch.Tensor targets);
}
