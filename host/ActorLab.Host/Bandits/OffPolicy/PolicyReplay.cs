using ActorLab.Contracts.Bandits;

namespace ActorLab.Host.Bandits.OffPolicy;

/// <summary>
/// Runs a learning policy over a log for off-policy evaluation, the replay method of Li, Chu, Langford &amp; Wang
/// ("Unbiased Offline Evaluation of Contextual-bandit-based News Article Recommendation Algorithms", WSDM 2011): at
/// each logged step the policy chooses from the logged context; when its choice is the logged action it learns the
/// logged reward, otherwise it learns nothing (the reward of its own choice is unknown). The choices feed the
/// estimators as the target distribution 1[a = choice], an unbiased draw of pi(. | x) for randomised policies.
/// Unbiased for the learning curve only under a uniform logger; with any logger it evaluates the choices made.
/// </summary>
public static class PolicyReplay
{
    /// <summary>The policy's choice at every logged step. <paramref name="setup"/> must match the log's arms and context width.</summary>
    public static int[] Choices(IBanditPolicy policy, IReadOnlyList<LoggedStep> log, BanditSetup setup)
    {
        policy.Reset(setup);
        var choices = new int[log.Count];
        for (var i = 0; i < log.Count; i++)
        {
            var step = log[i];
            var arm = policy.Select(i, step.Context, out _);
            if (arm < 0 || arm >= setup.Arms)
            {
                throw new InvalidOperationException($"the policy chose arm {arm} at logged step {i + 1}; the log has {setup.Arms} arms");
            }

            choices[i] = arm;
            if (arm == step.Action)
            {
                policy.Update(i, arm, step.Reward, step.Context);
            }
        }

        return choices;
    }
}
