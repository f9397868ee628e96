namespace ActorLab.Host.Bandits.OffPolicy;

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
    public static PolicyValueEstimate Ips(IReadOnlyList<LoggedStep> log, Func<float[], int, double> target) => Ips(log, ByContext(log, target));

    /// <summary>Inverse propensity scoring of a policy that chose <paramref name="choices"/>[i] at step i (see <see cref="PolicyReplay"/>).</summary>
    public static PolicyValueEstimate Ips(IReadOnlyList<LoggedStep> log, IReadOnlyList<int> choices) => Ips(log, ByChoice(choices));

    /// <summary>Self-normalised inverse propensity scoring.</summary>
    public static PolicyValueEstimate SelfNormalisedIps(IReadOnlyList<LoggedStep> log, Func<float[], int, double> target) =>
        SelfNormalisedIps(log, ByContext(log, target));

    /// <summary>Self-normalised inverse propensity scoring of a policy that chose <paramref name="choices"/>[i] at step i.</summary>
    public static PolicyValueEstimate SelfNormalisedIps(IReadOnlyList<LoggedStep> log, IReadOnlyList<int> choices) =>
        SelfNormalisedIps(log, ByChoice(choices));

    /// <summary>The direct method with reward model <paramref name="rewardModel"/>(x, a).</summary>
    public static PolicyValueEstimate DirectMethod(IReadOnlyList<LoggedStep> log, Func<float[], int, double> target, int arms, Func<float[], int, double> rewardModel) =>
        DirectMethod(log, ByContext(log, target), arms, rewardModel);

    /// <summary>The direct method for a policy that chose <paramref name="choices"/>[i] at step i.</summary>
    public static PolicyValueEstimate DirectMethod(IReadOnlyList<LoggedStep> log, IReadOnlyList<int> choices, int arms, Func<float[], int, double> rewardModel) =>
        DirectMethod(log, ByChoice(choices), arms, rewardModel);

    /// <summary>Doubly robust: the direct method corrected by the importance-weighted residual of the logged action.</summary>
    public static PolicyValueEstimate DoublyRobust(IReadOnlyList<LoggedStep> log, Func<float[], int, double> target, int arms, Func<float[], int, double> rewardModel) =>
        DoublyRobust(log, ByContext(log, target), arms, rewardModel);

    /// <summary>Doubly robust for a policy that chose <paramref name="choices"/>[i] at step i.</summary>
    public static PolicyValueEstimate DoublyRobust(IReadOnlyList<LoggedStep> log, IReadOnlyList<int> choices, int arms, Func<float[], int, double> rewardModel) =>
        DoublyRobust(log, ByChoice(choices), arms, rewardModel);

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

    /// <summary>Kish's effective sample size of the importance weights, (sum w)^2 / sum w^2: how many logged steps the estimate effectively rests on.</summary>
    public static double EffectiveSampleSize(IReadOnlyList<LoggedStep> log, IReadOnlyList<int> choices)
    {
        var target = ByChoice(choices);
        var weights = log.Select((s, i) => Weight(s, i, target)).ToArray();
        var squares = weights.Sum(w => w * w);
        return squares == 0 ? 0 : Math.Pow(weights.Sum(), 2) / squares;
    }

    private static PolicyValueEstimate Ips(IReadOnlyList<LoggedStep> log, Func<int, int, double> target) =>
        Interval(log.Select((s, i) => Weight(s, i, target) * s.Reward).ToArray());

    private static PolicyValueEstimate SelfNormalisedIps(IReadOnlyList<LoggedStep> log, Func<int, int, double> target)
    {
        var weights = log.Select((s, i) => Weight(s, i, target)).ToArray();
        var meanWeight = weights.Average();
        if (meanWeight == 0)
        {
            return new PolicyValueEstimate(double.NaN, double.NaN, double.NaN); // the target never agrees with the log
        }

        var value = log.Select((s, i) => weights[i] * s.Reward).Sum() / weights.Sum();
        var linearised = Interval(log.Select((s, i) => weights[i] * (s.Reward - value) / meanWeight).ToArray());
        return new PolicyValueEstimate(value, value + linearised.Low, value + linearised.High);
    }

    private static PolicyValueEstimate DirectMethod(IReadOnlyList<LoggedStep> log, Func<int, int, double> target, int arms, Func<float[], int, double> rewardModel) =>
        Interval(log.Select((s, i) => Expected(i, s.Context, target, arms, rewardModel)).ToArray());

    private static PolicyValueEstimate DoublyRobust(IReadOnlyList<LoggedStep> log, Func<int, int, double> target, int arms, Func<float[], int, double> rewardModel) =>
        Interval(log.Select((s, i) => Expected(i, s.Context, target, arms, rewardModel)
            + Weight(s, i, target) * (s.Reward - rewardModel(s.Context, s.Action))).ToArray());

    private static Func<int, int, double> ByContext(IReadOnlyList<LoggedStep> log, Func<float[], int, double> target) => (i, a) => target(log[i].Context, a);

    private static Func<int, int, double> ByChoice(IReadOnlyList<int> choices) => (i, a) => choices[i] == a ? 1 : 0;

    private static double Weight(LoggedStep step, int index, Func<int, int, double> target) =>
        step.Propensity > 0
            ? target(index, step.Action) / step.Propensity
            : throw new ArgumentException($"logged step {index + 1} has propensity {step.Propensity}; off-policy estimates need positive propensities");

    private static double Expected(int index, float[] context, Func<int, int, double> target, int arms, Func<float[], int, double> rewardModel)
    {
        double sum = 0;
        for (var a = 0; a < arms; a++)
        {
            sum += target(index, a) * rewardModel(context, a);
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
