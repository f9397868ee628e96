using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>Options of <see cref="LinearContextualArms"/>.</summary>
public sealed record LinearContextualOptions
{
    /// <summary>K.</summary>
    [Range(1, StationaryArmMeans.MaxArms)]
    public int Arms { get; init; } = 5;

    /// <summary>d, the context dimension.</summary>
    [Range(1, int.MaxValue)]
    public int Dimension { get; init; } = 5;

    /// <summary>Standard deviation of the reward noise.</summary>
    [Range(0.0, double.MaxValue)]
    public double Noise { get; init; } = 0.1;
}

/// <summary>
/// A linear contextual bandit: each step's context x has independent N(0, 1/d) coordinates; arm a has a weight
/// vector theta_a ~ N(0, I_d) drawn per repetition; its reward is theta_a . x + N(0, noise^2) (Gaussian, not bounded
/// to [0, 1]). Contexts and noise are pure functions of (seed, repetition, step), so every policy sees the same ones.
/// </summary>
public sealed class LinearContextualArms(LinearContextualOptions options) : IBanditEnvironment
{
    private double[][] _theta = [];
    private ulong _contextKey;
    private ulong _noiseKey;
    private long _cachedStep = -1;
    private double[] _expected = [];
    private long _contextStep = -1;
    private float[] _context = [];

    /// <inheritdoc />
    public int Arms => options.Arms;

    /// <inheritdoc />
    public int ContextDimension => options.Dimension;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        var random = RandomStreams.Create(setup.Seed, "bandit.linear.theta", setup.Repetition);
        _theta = Enumerable.Range(0, options.Arms).Select(_ => Enumerable.Range(0, options.Dimension).Select(_ => random.NextGaussian()).ToArray()).ToArray();
        _contextKey = RandomStreams.DeriveSeed(setup.Seed, "bandit.linear.context", setup.Repetition);
        _noiseKey = RandomStreams.DeriveSeed(setup.Seed, "bandit.linear.noise", setup.Repetition);
        _expected = new double[options.Arms];
        _cachedStep = -1;
        _context = new float[options.Dimension];
        _contextStep = -1;
    }

    /// <inheritdoc />
    public void Context(long step, Span<float> context) => StepContext(step).CopyTo(context);

    /// <inheritdoc />
    public double Reward(long step, int arm) => ExpectedReward(step, arm) + options.Noise * CounterRandom.Gaussian(_noiseKey, step, arm);

    /// <inheritdoc />
    public double ExpectedReward(long step, int arm) => Expectations(step)[arm];

    /// <inheritdoc />
    public double BestExpectedReward(long step) => Expectations(step).Max();

    /// <summary>
    /// Every arm's theta_a . x for <paramref name="step"/>, computed once per step: a step asks for the best arm's
    /// and the played arm's expectation and the played arm's reward, each of which would otherwise redraw the context.
    /// </summary>
    private double[] Expectations(long step)
    {
        if (step == _cachedStep)
        {
            return _expected;
        }

        var x = StepContext(step);
        for (var a = 0; a < options.Arms; a++)
        {
            double sum = 0;
            for (var j = 0; j < x.Length; j++)
            {
                sum += _theta[a][j] * x[j];
            }

            _expected[a] = sum;
        }

        _cachedStep = step;
        return _expected;
    }

    /// <summary>
    /// The context of <paramref name="step"/>, drawn once per step (d Box-Muller draws): the host asks for it, then the
    /// expectations of the same step need it again.
    /// </summary>
    private float[] StepContext(long step)
    {
        if (step != _contextStep)
        {
            var scale = 1 / Math.Sqrt(options.Dimension);
            for (var j = 0; j < _context.Length; j++)
            {
                _context[j] = (float)(scale * CounterRandom.Gaussian(_contextKey, step, j));
            }

            _contextStep = step;
        }

        return _context;
    }
}
