using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Distillation;

/// <summary>
/// Plackett-Luce distillation, PLD (from the paper's notes, `shared/papers/NOTES.md`): rank the classes with the true
/// label first, then the others by descending teacher logit, pi(1), ..., pi(K); with alpha_k the teacher's softmax
/// probability of the k-th ranked class and s the student's logits,
/// L = sum_k alpha_k [logsumexp_{j &gt;= k} s_pi(j) - s_pi(k)], a teacher-weighted list-wise (Plackett-Luce) loss that is
/// convex in s and invariant to shifting s; batch mean.
/// </summary>
public sealed class PlackettLuceDistillation : IDistillationLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor studentLogits, torch.Tensor teacherLogits, torch.Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        var teacher = teacherLogits.detach();
        var key = teacher.scatter(1, targets.unsqueeze(1), torch.full_like(teacher, double.PositiveInfinity)); // the label ranks first
        var order = key.argsort(1, descending: true);
        var ranked = studentLogits.gather(1, order);
        var alpha = teacher.softmax(1).gather(1, order);
        var suffix = ranked.flip(1).logcumsumexp(1).flip(1); // logsumexp over positions j >= k
        return (alpha * (suffix - ranked)).sum(1).mean().MoveToOuterDisposeScope();
    }
}
