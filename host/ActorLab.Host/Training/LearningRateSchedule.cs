namespace ActorLab.Host.Training;

/// <summary>
/// The learning rate at each step: constant; warmup-cosine (linear warm-up, then half a cosine to 0, Loshchilov &amp;
/// Hutter's SGDR without restarts); warmup-stable-decay (linear warm-up, constant, then a linear decay to 0 over the
/// final <c>decayFraction</c> of the steps, as in MiniCPM's WSD schedule).
/// </summary>
public sealed record LearningRateSchedule(string Name, double Peak, int WarmupSteps, double DecayFraction, long TotalSteps)
{
    /// <summary>The rate of step <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        if (WarmupSteps > 0 && step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        var after = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / after, 0, 1);
        return Name switch
        {
            "constant" => Peak,
            "warmup-cosine" => Peak * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            "warmup-stable-decay" => progress < 1 - DecayFraction ? Peak : Peak * (1 - progress) / DecayFraction,
            _ => throw new ArgumentException($"schedule must be constant, warmup-cosine or warmup-stable-decay, got '{Name}'"),
        };
    }
}
