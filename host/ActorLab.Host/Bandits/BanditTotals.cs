namespace ActorLab.Host.Bandits;

/// <summary>Running totals of one policy over one repetition.</summary>
public sealed class BanditTotals(int arms)
{
    /// <summary>Steps played.</summary>
    public long Steps { get; set; }

    /// <summary>Sum of the rewards received.</summary>
    public double Reward { get; set; }

    /// <summary>Sum over steps of (best expected reward - expected reward of the arm played): pseudo-regret.</summary>
    public double PseudoRegret { get; set; }

    /// <summary>Sum of every arm's reward over the steps played (for regret against the best fixed arm in hindsight).</summary>
    public double[] ArmRewardSums { get; } = new double[arms];

    /// <summary>Pulls per arm.</summary>
    public long[] Pulls { get; } = new long[arms];

    /// <summary>Regret against the best fixed arm in hindsight: max_a sum_t r_t(a) - sum_t r_t(a_t).</summary>
    public double HindsightRegret => ArmRewardSums.Max() - Reward;
}
