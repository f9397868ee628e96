using TorchSharp;

namespace ActorLab.Contracts.Losses;

/// <summary>
/// A batch of preference pairs as sequence log-probabilities (sums over tokens) under the policy being trained and a
/// frozen reference: for each pair, the chosen (preferred) and the rejected response.
/// </summary>
/// <param name="PolicyChosen">[batch] log pi(y_w | x), requires grad.</param>
/// <param name="PolicyRejected">[batch] log pi(y_l | x), requires grad.</param>
/// <param name="ReferenceChosen">[batch] log pi_ref(y_w | x).</param>
/// <param name="ReferenceRejected">[batch] log pi_ref(y_l | x).</param>
public sealed record PreferenceBatch(torch.Tensor PolicyChosen, torch.Tensor PolicyRejected, torch.Tensor ReferenceChosen, torch.Tensor ReferenceRejected)
{
    /// <summary>[batch] tokens in each chosen response, for length-normalised losses; null when the caller has none.</summary>
    public torch.Tensor? ChosenLengths { get; init; }

    /// <summary>[batch] tokens in each rejected response; null when the caller has none.</summary>
    public torch.Tensor? RejectedLengths { get; init; }
}

/// <summary>A preference-optimisation loss on (policy, reference) log-probabilities, batch mean (DPO and relatives).</summary>
public interface IPreferenceLoss
{
    /// <summary>The loss.</summary>
    torch.Tensor Compute(PreferenceBatch batch);
}

/// <summary>An unlearning loss on the forget set's (policy, reference) log-probabilities, batch mean.</summary>
public interface IUnlearningLoss
{
    /// <summary>The loss.</summary>
    /// <param name="policy">[batch] log pi(y | x) of forget-set samples, requires grad.</param>
    /// <param name="reference">[batch] log pi_ref(y | x).</param>
    torch.Tensor Compute(torch.Tensor policy, torch.Tensor reference);
}
