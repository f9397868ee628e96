using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Policies.Neural;

/// <summary>
/// The shared loop of NeuSquareCB and NeuFastCB (Deb, Ban, Kumar, Hsieh &amp; Banerjee, "Contextual Bandits with
/// Online Neural Regression", ICLR 2024): a network predicts every arm's reward, each prediction is perturbed by a
/// small random term, an inverse-gap-weighted distribution over the perturbed predictions picks the arm, and the
/// network takes an online gradient step on the played arm's perturbed prediction against the observed reward.
/// Assumed form of the perturbation (the paper's exact scaling could not be checked): independent
/// N(0, <see cref="NeuralCbOptions.Perturbation"/>^2) per arm and step, added to the output (before the sigmoid for
/// the KL variant), the same draw used for acting and for the gradient step of that step.
/// </summary>
public abstract class NeuralRegressionCb(NeuralCbOptions options) : IBanditPolicy
{
    private OnlineNetwork? _network;
    private double[] _outputs = [];
    private double[] _shifts = [];
    private double[] _predictions = [];
    private double[] _probabilities = [];
    private Random _random = new(0);

    /// <summary>Options in force.</summary>
    protected NeuralCbOptions Options => options;

    /// <summary>True for the KL (logistic) loss, false for the squared loss.</summary>
    protected abstract bool Logistic { get; }

    /// <summary>The stream name of the policy's randomness.</summary>
    protected abstract string StreamName { get; }

    /// <summary>Turns predicted rewards into the action distribution.</summary>
    protected abstract void Weigh(ReadOnlySpan<double> predictedRewards, double gamma, Span<double> probabilities);

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _network?.Dispose();
        _random = RandomStreams.Create(setup.Seed, $"bandit.{StreamName}", setup.Repetition);
        _network = new OnlineNetwork(setup.ContextDimension, options.Hidden, setup.Arms, _random);
        _outputs = new double[setup.Arms];
        _shifts = new double[setup.Arms];
        _predictions = new double[setup.Arms];
        _probabilities = new double[setup.Arms];
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        _network!.Predict(context, _outputs);
        for (var a = 0; a < _outputs.Length; a++)
        {
            _shifts[a] = options.Perturbation * _random.NextGaussian();
            var shifted = _outputs[a] + _shifts[a];
            _predictions[a] = Logistic ? 1 / (1 + Math.Exp(-shifted)) : shifted;
        }

        Weigh(_predictions, InverseGapWeighting.Gamma(options.GammaScale, options.GammaExponent, step), _probabilities);
        var arm = InverseGapWeighting.Sample(_probabilities, _random.NextDouble());
        propensity = _probabilities[arm];
        return arm;
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context)
    {
        if (Logistic && reward is < 0 or > 1)
        {
            throw new ArgumentException($"{StreamName}: the KL loss needs rewards in [0, 1], got {reward} at step {step}; use neusquarecb for unbounded rewards");
        }

        for (var i = 0; i < options.UpdatesPerStep; i++)
        {
            _network!.Step(context, arm, _shifts[arm], reward, Logistic, options.LearningRate);
        }
    }
}
