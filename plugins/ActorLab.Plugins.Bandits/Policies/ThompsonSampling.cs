using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Options of <see cref="ThompsonSampling"/>.</summary>
public sealed record ThompsonOptions
{
    /// <summary>bernoulli (Beta(1, 1) priors, rewards in [0, 1] used as Bernoulli trials) or gaussian (N(0, 1) prior, unit noise).</summary>
    [AllowedValues("bernoulli", "gaussian")]
    public string Model { get; init; } = "bernoulli";
}

/// <summary>
/// Thompson sampling (Thompson 1933; Agrawal &amp; Goyal, "Analysis of Thompson Sampling for the Multi-armed Bandit
/// Problem", COLT 2012): sample a mean for each arm from its posterior and play the largest. Bernoulli model:
/// Beta(1 + S_a, 1 + F_a), with a reward r in [0, 1] counted as a success with probability r (Agrawal &amp; Goyal's
/// trick for bounded rewards). Gaussian model: N(sum_a / (n_a + 1), 1 / (n_a + 1)). The propensity of the chosen
/// arm, P(its posterior draw is the largest), has no closed form: when a log asks for it
/// (<see cref="BanditSetup.PropensityRequested"/>) it is integrated numerically (<see cref="ArgmaxProbability"/>),
/// otherwise reported as NaN so simulations do not pay for it.
/// </summary>
public sealed class ThompsonSampling(ThompsonOptions options) : IBanditPolicy
{
    private readonly bool _gaussian = options.Model switch
    {
        "bernoulli" => false,
        "gaussian" => true,
        _ => throw new ArgumentException($"thompson: model must be bernoulli or gaussian, got '{options.Model}'"),
    };

    private readonly ArmStatistics _stats = new();
    private double[] _successes = [];
    private double[] _samples = [];
    private GammaShape[] _alpha = []; // Beta(1 + S_a, 1 + F_a)'s shapes with their constants, redone for the arm updated
    private GammaShape[] _beta = [];
    private SubtractiveRandom _random = new(0); // System.Random's own sequence, with the draw inlined (a fifth of a Beta draw's cost)
    private bool _propensity;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _stats.Reset(setup.Arms);
        _successes = new double[setup.Arms];
        _samples = new double[setup.Arms];
        _alpha = new GammaShape[setup.Arms];
        _beta = new GammaShape[setup.Arms];
        for (var a = 0; a < setup.Arms; a++)
        {
            SetPosterior(a);
        }

        _random = new SubtractiveRandom(RandomStreams.DeriveInt32(setup.Seed, "bandit.thompson", setup.Repetition));
        _propensity = setup.PropensityRequested;
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        propensity = double.NaN;
        for (var a = 0; a < _samples.Length; a++)
        {
            var n = _stats.Pulls[a];
            _samples[a] = _gaussian
                ? _stats.Sums[a] / (n + 1) + 1 / Math.Sqrt(n + 1) * RandomDraws.Gaussian(ref _random)
                : RandomDraws.Beta(ref _random, _alpha[a], _beta[a]);
        }

        var arm = ArmStatistics.Argmax(_samples);
        if (_propensity)
        {
            propensity = Propensity(arm);
        }

        return arm;
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context)
    {
        _stats.Add(arm, reward);
        if (!_gaussian && _random.NextDouble() < reward)
        {
            _successes[arm]++;
        }

        SetPosterior(arm);
    }

    private void SetPosterior(int arm)
    {
        _alpha[arm] = new GammaShape(1 + _successes[arm]);
        _beta[arm] = new GammaShape(1 + _stats.Pulls[arm] - _successes[arm]);
    }

    private double Propensity(int arm)
    {
        var k = _samples.Length;
        if (_gaussian)
        {
            var means = new double[k];
            var sds = new double[k];
            for (var a = 0; a < k; a++)
            {
                means[a] = _stats.Sums[a] / (_stats.Pulls[a] + 1);
                sds[a] = 1 / Math.Sqrt(_stats.Pulls[a] + 1);
            }

            return ArgmaxProbability.OfGaussians(means, sds, arm);
        }

        var alphas = new double[k];
        var betas = new double[k];
        for (var a = 0; a < k; a++)
        {
            alphas[a] = 1 + _successes[a];
            betas[a] = 1 + _stats.Pulls[a] - _successes[a];
        }

        return ArgmaxProbability.OfBetas(alphas, betas, arm);
    }
}
