namespace ActorLab.Host.Bandits.OffPolicy;

/// <summary>One logged step: the context, the action the logging policy took, its reward and its propensity.</summary>
/// <param name="Context">The context (empty for multi-armed logs).</param>
/// <param name="Action">The logged action.</param>
/// <param name="Reward">Its observed reward.</param>
/// <param name="Propensity">The probability the logging policy had of taking it (must be positive).</param>
public sealed record LoggedStep(float[] Context, int Action, double Reward, double Propensity);
