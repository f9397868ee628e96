namespace ActorLab.Contracts.Losses;

/// <summary>
/// Unlearning by an assistant model (ULD): instead of changing the target, the host trains an assistant, a copy of the
/// target, with the reversed objectives (<see cref="IUnlearningLoss.Compute"/> on the forget set, which an assistant
/// minimises to remember it, plus <see cref="RetainWeight"/> times KL(uniform || assistant) on the retain set, so it
/// forgets what should be kept), and the unlearned model's logits are the target's plus <see cref="AssistantWeight"/>
/// times the assistant's, where the target is confident enough (<see cref="TopLogitFilter"/>).
/// </summary>
public interface IAssistantUnlearning : IUnlearningLoss
{
    /// <summary>The weight of the assistant's logits in the combination (negative: subtracted).</summary>
    double AssistantWeight { get; }

    /// <summary>The weight of the retain set's uniform-target term in the assistant's loss.</summary>
    double RetainWeight { get; }

    /// <summary>The assistant's logits count only at tokens whose target probability is at least this share of the top one (0: everywhere).</summary>
    double TopLogitFilter { get; }
}
