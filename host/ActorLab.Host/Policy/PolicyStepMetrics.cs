namespace ActorLab.Host.Policy;

/// <summary>
/// One step of a policy run (metrics.csv's row): supervised steps fill the loss, gradient norm and learning rate; RL
/// steps also the rollout's statistics; evaluation steps the held-out accuracy and reward. NaN: not measured.
/// </summary>
/// <param name="Step">Step of the run, counted over all phases from 1.</param>
/// <param name="Phase">sft or rlvr.</param>
/// <param name="PhaseStep">Step within the phase, from 1.</param>
/// <param name="Loss">The phase's training loss.</param>
/// <param name="MeanReward">RL: mean verifier reward of the step's sampled responses.</param>
/// <param name="Accuracy">Held-out accuracy of greedy responses (share with reward 1).</param>
/// <param name="TestReward">Held-out mean reward of greedy responses.</param>
/// <param name="Kl">RL: mean per-token KL(policy || reference) by the k3 estimator.</param>
/// <param name="Entropy">RL: mean per-token entropy of the policy on its responses.</param>
/// <param name="ResponseLength">RL: mean response length in tokens, the end token not counted.</param>
/// <param name="ZeroAdvantageShare">RL: share of groups whose rewards are all equal (GRPO's advantage is 0 there).</param>
/// <param name="GradientNorm">Global gradient norm before clipping.</param>
/// <param name="LearningRate">The optimizer's learning rate.</param>
public sealed record PolicyStepMetrics(long Step, string Phase, int PhaseStep, double Loss, double MeanReward, double Accuracy, double TestReward,
    double Kl, double Entropy, double ResponseLength, double ZeroAdvantageShare, double GradientNorm, double LearningRate)
{
    /// <summary>metrics.csv's header.</summary>
    public const string Header = "step,phase,phase_step,loss,mean_reward,accuracy,test_reward,kl,entropy,response_length,zero_advantage_share,gradient_norm,learning_rate";

    /// <summary>The numeric columns by name (the database's metric names), in metrics.csv's order.</summary>
    public IEnumerable<(string Name, double Value)> Values() =>
    [
        ("loss", Loss), ("mean_reward", MeanReward), ("accuracy", Accuracy), ("test_reward", TestReward), ("kl", Kl), ("entropy", Entropy),
        ("response_length", ResponseLength), ("zero_advantage_share", ZeroAdvantageShare), ("gradient_norm", GradientNorm), ("learning_rate", LearningRate),
    ];

    /// <summary>A supervised step's row.</summary>
    public static PolicyStepMetrics Supervised(long step, int phaseStep, double loss, double norm, double rate) =>
        new(step, "sft", phaseStep, loss, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, norm, rate);
}

/// <summary>Where one step's time went (timings.csv; kept out of metrics.csv, which is a pure function of the scenario and seed).</summary>
/// <param name="Step">Step of the run.</param>
/// <param name="Phase">sft or rlvr.</param>
/// <param name="RolloutSeconds">Wall time of the rollout (RL) or 0.</param>
/// <param name="LearnerSeconds">Wall time of the learner's update(s).</param>
/// <param name="GeneratedTokens">Tokens the rollout workers sampled.</param>
public sealed record PolicyStepTiming(long Step, string Phase, double RolloutSeconds, double LearnerSeconds, long GeneratedTokens);
