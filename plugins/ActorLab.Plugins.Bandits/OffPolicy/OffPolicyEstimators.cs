namespace ActorLab.Plugins.Bandits.OffPolicy;

/// <summary>One logged step: the context, the action the logging policy took, its reward and its propensity.</summary>
/// <param name="Context">The context (empty for multi-armed logs).</param>
/// <param name="Action">The logged action.</param>
/// <param name="Reward">Its observed reward.</param>
/// <param name="Propensity">The probability the logging policy had of taking it (must be positive).</param>
public sealed record LoggedStep(float[] Context, int Action, double Reward, double Propensity);

/// <summary>An estimate of a target policy's value with a normal-approximation 95 % interval.</summary>
public sealed record PolicyValueEstimate(double Value, double Low, double High)
{
    /// <summary>True when <paramref name="value"/> lies in the interval.</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}

/// <summary>
/// Off-policy evaluation from logged bandit feedback (Dudík, Langford &amp; Li, "Doubly Robust Policy Evaluation and
/// Learning", ICML 2011). With pi(a | x) the target policy, p the logged propensity and w = pi(a_logged | x) / p:
/// IPS = mean(w r); self-normalised IPS = sum(w r) / sum(w); the direct method averages the reward model over the
/// target policy, DM = mean(sum_a pi(a | x) rhat(x, a)); doubly robust adds the weighted residual,
/// DR = mean(sum_a pi(a | x) rhat(x, a) + w (r - rhat(x, a_logged))). Intervals are mean +- 1.96 sd / sqrt(n) of the
/// per-step terms (for SNIPS, of the linearised terms w (r - SNIPS) / mean(w)).
/// </summary>
public static class OffPolicyEstimators
{
    /// <summary>Inverse propensity scoring.</summary>
    public static PolicyValueEstimate Ips(IReadOnlyList<LoggedStep> log, Func<float[], int, double> target) =>
        Interval(log.Select(s => Weight(s, target) * s.Reward).ToArray());

    /// <summary>Self-normalised inverse propensity scoring.</summary>
    public static PolicyValueEstimate SelfNormalisedIps(IReadOnlyList<LoggedStep> log, Func<float[], int, double> target)
    {
        var weights = log.Select(s => Weight(s, target)).ToArray();
        var meanWeight = weights.Average();
        var value = log.Select((s, i) => weights[i] * s.Reward).Sum() / weights.Sum();
        var linearised = Interval(log.Select((s, i) => weights[i] * (s.Reward - value) / meanWeight).ToArray());
        return new PolicyValueEstimate(value, value + linearised.Low, value + linearised.High);
    }

    /// <summary>The direct method with reward model <paramref name="rewardModel"/>(x, a).</summary>
    public static PolicyValueEstimate DirectMethod(IReadOnlyList<LoggedStep> log, Func<float[], int, double> target, int arms, Func<float[], int, double> rewardModel) =>
        Interval(log.Select(s => Expected(s.Context, target, arms, rewardModel)).ToArray());

    /// <summary>Doubly robust: the direct method corrected by the importance-weighted residual of the logged action.</summary>
    public static PolicyValueEstimate DoublyRobust(IReadOnlyList<LoggedStep> log, Func<float[], int, double> target, int arms, Func<float[], int, double> rewardModel) =>
        Interval(log.Select(s => Expected(s.Context, target, arms, rewardModel)
            + Weight(s, target) * (s.Reward - rewardModel(s.Context, s.Action))).ToArray());

    /// <summary>A reward model for multi-armed logs: each arm's mean logged reward (0 for arms never logged).</summary>
    public static Func<float[], int, double> ArmMeans(IReadOnlyList<LoggedStep> log, int arms)
    {
        var sums = new double[arms];
        var counts = new int[arms];
        foreach (var step in log)
        {
            sums[step.Action] += step.Reward;
            counts[step.Action]++;
        }

        return (_, a) => counts[a] == 0 ? 0 : sums[a] / counts[a];
    }

    private static double Weight(LoggedStep step, Func<float[], int, double> target) =>
        step.Propensity > 0
            ? target(step.Context, step.Action) / step.Propensity
            : throw new ArgumentException($"a logged step has propensity {step.Propensity}; off-policy estimates need positive propensities");

    private static double Expected(float[] context, Func<float[], int, double> target, int arms, Func<float[], int, double> rewardModel)
    {
        double sum = 0;
        for (var a = 0; a < arms; a++)
        {
            sum += target(context, a) * rewardModel(context, a);
        }

        return sum;
    }

    private static PolicyValueEstimate Interval(double[] terms)
    {
        var mean = terms.Average();
        var sd = Math.Sqrt(terms.Sum(t => (t - mean) * (t - mean)) / Math.Max(1, terms.Length - 1));
        var half = 1.96 * sd / Math.Sqrt(terms.Length);
        return new PolicyValueEstimate(mean, mean - half, mean + half);
    }
}
