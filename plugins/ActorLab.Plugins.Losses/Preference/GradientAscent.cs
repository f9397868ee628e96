using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Preference;

/// <summary>
/// Gradient ascent on the forget set, the baseline of the unlearning papers (e.g. NPO, Zhang et al. 2024): minimise
/// L = mean[log pi(y | x)], i.e. ascend the forget set's negative log-likelihood, with no bound on how far it goes
/// (which is why it collapses the model). The reference is not used.
/// </summary>
public sealed class GradientAscent : IUnlearningLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor policy, torch.Tensor reference) => policy.mean();
}
