using ActorLab.Contracts.Bandits;

namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Options of <see cref="LinUcb"/>.</summary>
public sealed record LinUcbOptions
{
    /// <summary>Width alpha of the confidence bonus.</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Ridge regularisation lambda (A starts as lambda I).</summary>
    public double Lambda { get; init; } = 1.0;
}

/// <summary>
/// LinUCB with disjoint linear models (Li, Chu, Langford &amp; Schapire, "A Contextual-Bandit Approach to Personalized
/// News Article Recommendation", WWW 2010, Algorithm 1): per arm A_a = lambda I + sum x x^T and b_a = sum r x; play
/// argmax_a theta_a . x + alpha sqrt(x^T A_a^-1 x) with theta_a = A_a^-1 b_a. A_a^-1 is kept directly and updated
/// with the Sherman-Morrison formula, O(d^2) per step instead of an inversion. Deterministic (propensity 1).
/// </summary>
public sealed class LinUcb(LinUcbOptions options) : IBanditPolicy
{
    private RidgeArms _ridge = null!;
    private double[] _scores = [];

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _ridge = new RidgeArms(setup.Arms, setup.ContextDimension, options.Lambda, intercept: false);
        _scores = new double[setup.Arms];
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        propensity = 1;
        _ridge.Load(context);
        for (var a = 0; a < _scores.Length; a++)
        {
            var (mean, width) = _ridge.PredictLoaded(a);
            _scores[a] = mean + options.Alpha * Math.Sqrt(width);
        }

        return ArmStatistics.Argmax(_scores);
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) => _ridge.Update(arm, context, reward);
}
