namespace ActorLab.Host.Policy;

/// <summary>
/// One step of a policy run (metrics.csv's row). Every phase fills the loss, gradient norm and learning rate; RL steps
/// the rollout statistics; preference steps the pair statistics and the gradient-entanglement diagnostic (paper 29);
/// evaluation steps the held-out metrics. NaN (an empty cell): not measured at this step.
/// </summary>
/// <param name="Step">Step of the run, counted over all phases from 1 (0: the evaluation before the first phase).</param>
/// <param name="Phase">init, sft, rlvr or preference.</param>
/// <param name="PhaseStep">Step within the phase, from 1.</param>
public sealed record PolicyStepMetrics(long Step, string Phase, int PhaseStep)
{
    /// <summary>The phase's training loss.</summary>
    public double Loss { get; init; } = double.NaN;

    /// <summary>RL and preference: mean verifier reward of the step's sampled responses.</summary>
    public double MeanReward { get; init; } = double.NaN;

    /// <summary>Held-out accuracy of greedy responses (share with reward 1).</summary>
    public double Accuracy { get; init; } = double.NaN;

    /// <summary>Held-out mean reward of greedy responses.</summary>
    public double TestReward { get; init; } = double.NaN;

    /// <summary>RL: mean per-token KL(policy || reference), the k3 estimator.</summary>
    public double Kl { get; init; } = double.NaN;

    /// <summary>RL: mean per-token entropy of the policy on its responses.</summary>
    public double Entropy { get; init; } = double.NaN;

    /// <summary>RL: mean response length in tokens, the end token not counted.</summary>
    public double ResponseLength { get; init; } = double.NaN;

    /// <summary>RL: share of groups whose rewards are all equal (GRPO's advantage is 0 there).</summary>
    public double ZeroAdvantageShare { get; init; } = double.NaN;

    /// <summary>RL with hints: mean hint length (characters of the reference answer shown after the prompt).</summary>
    public double HintLength { get; init; } = double.NaN;

    /// <summary>Preference: pairs trained on.</summary>
    public double Pairs { get; init; } = double.NaN;

    /// <summary>Preference: mean log pi(y_w | x) of the chosen responses, before the update.</summary>
    public double ChosenLogProb { get; init; } = double.NaN;

    /// <summary>Preference: mean log pi(y_l | x) of the rejected responses, before the update.</summary>
    public double RejectedLogProb { get; init; } = double.NaN;

    /// <summary>Preference: mean log pi(y_w | x) of the same chosen responses after the update.</summary>
    public double ChosenLogProbAfter { get; init; } = double.NaN;

    /// <summary>Preference: mean log pi(y_l | x) of the same rejected responses after the update.</summary>
    public double RejectedLogProbAfter { get; init; } = double.NaN;

    /// <summary>Preference: mean implicit-reward margin (log pi/pi_ref)(y_w) - (log pi/pi_ref)(y_l), before the update.</summary>
    public double Margin { get; init; } = double.NaN;

    /// <summary>Preference: inner product of the gradients of the batch's mean chosen and mean rejected log-probabilities (paper 29).</summary>
    public double GradientInner { get; init; } = double.NaN;

    /// <summary>Preference: cosine of the same two gradients.</summary>
    public double GradientCosine { get; init; } = double.NaN;

    /// <summary>Preference, evaluation steps: share of held-out pairs (true labels) whose implicit reward ranks the better response first.</summary>
    public double RewardAccuracy { get; init; } = double.NaN;

    /// <summary>Unlearning, evaluation steps: greedy accuracy on the forget set (lower is more forgotten).</summary>
    public double ForgetAccuracy { get; init; } = double.NaN;

    /// <summary>Unlearning, evaluation steps: greedy accuracy on the evaluated retain problems.</summary>
    public double RetainAccuracy { get; init; } = double.NaN;

    /// <summary>Unlearning, evaluation steps: linear CKA of the policy's and the original model's representations of the forget prompts (paper 11).</summary>
    public double Cka { get; init; } = double.NaN;

    /// <summary>Unlearning, evaluation steps: held-out accuracy of a linear probe for the forget answers' first token on the policy's representations.</summary>
    public double ProbeAccuracy { get; init; } = double.NaN;

    /// <summary>Global gradient norm before clipping.</summary>
    public double GradientNorm { get; init; } = double.NaN;

    /// <summary>The optimizer's learning rate.</summary>
    public double LearningRate { get; init; } = double.NaN;

    /// <summary>metrics.csv's header.</summary>
    public const string Header = "step,phase,phase_step,loss,mean_reward,accuracy,test_reward,kl,entropy,response_length,zero_advantage_share,hint_length,"
        + "pairs,chosen_logp,rejected_logp,chosen_logp_after,rejected_logp_after,margin,gradient_inner,gradient_cosine,reward_accuracy,forget_accuracy,retain_accuracy,cka,probe_accuracy,gradient_norm,learning_rate";

    /// <summary>The numeric columns by name (the database's metric names), in metrics.csv's order.</summary>
    public IEnumerable<(string Name, double Value)> Values() =>
    [
        ("loss", Loss), ("mean_reward", MeanReward), ("accuracy", Accuracy), ("test_reward", TestReward), ("kl", Kl), ("entropy", Entropy),
        ("response_length", ResponseLength), ("zero_advantage_share", ZeroAdvantageShare), ("hint_length", HintLength), ("pairs", Pairs), ("chosen_logp", ChosenLogProb),
        ("rejected_logp", RejectedLogProb), ("chosen_logp_after", ChosenLogProbAfter), ("rejected_logp_after", RejectedLogProbAfter), ("margin", Margin), ("gradient_inner", GradientInner), ("gradient_cosine", GradientCosine),
        ("reward_accuracy", RewardAccuracy), ("forget_accuracy", ForgetAccuracy), ("retain_accuracy", RetainAccuracy), ("cka", Cka),
        ("probe_accuracy", ProbeAccuracy), ("gradient_norm", GradientNorm), ("learning_rate", LearningRate),
    ];
}

/// <summary>Where one step's time went (timings.csv; kept out of metrics.csv, which is a pure function of the scenario and seed).</summary>
/// <param name="Step">Step of the run.</param>
/// <param name="Phase">sft, rlvr or preference.</param>
/// <param name="RolloutSeconds">Wall time of the rollout, or 0.</param>
/// <param name="LearnerSeconds">Wall time of the learner's update(s).</param>
/// <param name="GeneratedTokens">Tokens the rollout workers sampled.</param>
public sealed record PolicyStepTiming(long Step, string Phase, double RolloutSeconds, double LearnerSeconds, long GeneratedTokens);
