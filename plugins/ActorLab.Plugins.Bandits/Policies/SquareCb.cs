using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Options of <see cref="SquareCb"/>.</summary>
public sealed record SquareCbOptions
{
    /// <summary>gamma_t = GammaScale * t^GammaExponent.</summary>
    public double GammaScale { get; init; } = 10;

    /// <summary>gamma_t = GammaScale * t^GammaExponent (1/2 matches the sqrt(KT) regret tuning).</summary>
    public double GammaExponent { get; init; } = 0.5;

    /// <summary>Ridge regularisation of the online least-squares oracle.</summary>
    public double Lambda { get; init; } = 1.0;
}

/// <summary>
/// SquareCB (Foster &amp; Rakhlin, "Beyond UCB: Optimal and Efficient Contextual Bandits with Regression Oracles",
/// ICML 2020) with an online ridge regression per arm (context plus intercept) as the square-loss oracle: predict
/// rhat_a = theta_a . [x, 1], play p_a = 1 / (K + gamma_t (rhat_best - rhat_a)) for every non-greedy arm and the rest
/// on the greedy one, gamma_t = gamma_scale * t^gamma_exponent; then regress the observed reward on the played arm.
/// On a multi-armed environment the oracle reduces to shrunk per-arm means. Reports the exact propensity.
/// </summary>
public sealed class SquareCb(SquareCbOptions options) : IBanditPolicy
{
    private RidgeArms _oracle = null!;
    private double[] _predictions = [];
    private double[] _probabilities = [];
    private Random _random = new(0);

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _oracle = new RidgeArms(setup.Arms, setup.ContextDimension, options.Lambda, intercept: true);
        _predictions = new double[setup.Arms];
        _probabilities = new double[setup.Arms];
        _random = RandomStreams.Create(setup.Seed, "bandit.squarecb", setup.Repetition);
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        for (var a = 0; a < _predictions.Length; a++)
        {
            _predictions[a] = _oracle.Predict(a, context).Mean;
        }

        InverseGapWeighting.SquareCb(_predictions, InverseGapWeighting.Gamma(options.GammaScale, options.GammaExponent, step), _probabilities);
        var arm = InverseGapWeighting.Sample(_probabilities, _random.NextDouble());
        propensity = _probabilities[arm];
        return arm;
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) => _oracle.Update(arm, context, reward);
}
