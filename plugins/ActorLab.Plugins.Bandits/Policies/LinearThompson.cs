using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Options of <see cref="LinearThompson"/>.</summary>
public sealed record LinearThompsonOptions
{
    /// <summary>Posterior scale v: theta_a ~ N(theta_hat_a, v^2 A_a^-1).</summary>
    public double Scale { get; init; } = 0.5;

    /// <summary>Ridge regularisation lambda (A starts as lambda I).</summary>
    public double Lambda { get; init; } = 1.0;
}

/// <summary>
/// Linear Thompson sampling (Agrawal &amp; Goyal, "Thompson Sampling for Contextual Bandits with Linear Payoffs",
/// ICML 2013) with disjoint per-arm models: theta_a ~ N(theta_hat_a, v^2 A_a^-1), play argmax_a theta_a . x. With
/// disjoint models only the scalar theta_a . x matters and it is exactly N(theta_hat_a . x, v^2 x^T A_a^-1 x), so the
/// policy samples that scalar instead of a d-dimensional vector (no Cholesky factor per step). The propensity,
/// P(arm a's draw is the largest) over independent Gaussians, is integrated numerically when a log asks for it.
/// </summary>
public sealed class LinearThompson(LinearThompsonOptions options) : IBanditPolicy
{
    private RidgeArms _ridge = null!;
    private double[] _means = [];
    private double[] _sds = [];
    private double[] _samples = [];
    private Random _random = new(0);
    private bool _propensity;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _ridge = new RidgeArms(setup.Arms, setup.ContextDimension, options.Lambda, intercept: false);
        _means = new double[setup.Arms];
        _sds = new double[setup.Arms];
        _samples = new double[setup.Arms];
        _random = RandomStreams.Create(setup.Seed, "bandit.linear-thompson", setup.Repetition);
        _propensity = setup.PropensityRequested;
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        for (var a = 0; a < _samples.Length; a++)
        {
            var (mean, width) = _ridge.Predict(a, context);
            _means[a] = mean;
            _sds[a] = Math.Max(1e-12, options.Scale * Math.Sqrt(width));
            _samples[a] = _random.NextGaussian(mean, _sds[a]);
        }

        var arm = ArmStatistics.Argmax(_samples);
        propensity = _propensity ? ArgmaxProbability.OfGaussians(_means, _sds, arm) : double.NaN;
        return arm;
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) => _ridge.Update(arm, context, reward);
}
