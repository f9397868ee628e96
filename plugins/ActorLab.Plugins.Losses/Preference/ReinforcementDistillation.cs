using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Preference;

/// <summary>Options of <see cref="ReinforcementDistillation"/>.</summary>
public sealed record RediOptions
{
    /// <summary>alpha in [0, 1], the weight of the negative term; the paper's asymmetric choice is below 1 (0.8).</summary>
    [Range(0.0, 1.0)]
    public double Alpha { get; init; } = 0.8;
}

/// <summary>
/// REDI (Xu et al., "Harnessing Negative Signals: Reinforcement Distillation from Teacher Data for LLM Reasoning", 2025),
/// stage 2's reference-free objective on positive (chosen) and negative (rejected) traces, each log-likelihood
/// normalised by its length: L = mean[-log pi(y_w | x) / |y_w| + alpha log pi(y_l | x) / |y_l|]. alpha &lt; 1 weights
/// the negative gradient less than the positive one, which the paper finds keeps training stable without a KL term.
/// The reference log-probabilities are not used. Needs the batch's response lengths.
/// </summary>
public sealed class ReinforcementDistillation(RediOptions options) : IPreferenceLoss
{
    /// <inheritdoc />
    public torch.Tensor Compute(PreferenceBatch batch)
    {
        if (batch.ChosenLengths is not { } chosen || batch.RejectedLengths is not { } rejected)
        {
            throw new ArgumentException("redi: the batch carries no response lengths; REDI normalises each log-likelihood by its response's length");
        }

        if (options.Alpha is < 0 or > 1)
        {
            throw new ArgumentException($"redi: alpha must be in [0, 1], got {options.Alpha}; the paper uses 0.8");
        }

        using var scope = torch.NewDisposeScope();
        var positive = batch.PolicyChosen / chosen.to_type(batch.PolicyChosen.dtype).clamp_min(1);
        var negative = batch.PolicyRejected / rejected.to_type(batch.PolicyRejected.dtype).clamp_min(1);
        return (-positive + options.Alpha * negative).mean().MoveToOuterDisposeScope();
    }
}
